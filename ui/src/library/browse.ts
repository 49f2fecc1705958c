// "Browse…" buttons: the system's file and folder pickers (@tauri-apps/plugin-dialog). The
// path text field next to each button stays the source of truth: the picker only fills it.
import { open, save } from "@tauri-apps/plugin-dialog";
import { toApiError, type ApiError } from "../api";
import { h } from "../h";

export type BrowseKind = { kind: "folder" } | { kind: "file"; filters?: { name: string; extensions: string[] }[] } | { kind: "save"; filters?: { name: string; extensions: string[] }[] };

/** Ask for a path; null when the person cancelled. Rejects with an ApiError. */
export async function browse(what: BrowseKind, title: string, current: string): Promise<string | null> {
  try {
    const defaultPath = current.trim() || undefined;
    if (what.kind === "save") return await save({ title, defaultPath, filters: what.filters });
    const picked = await open({ title, defaultPath, directory: what.kind === "folder", multiple: false, filters: what.kind === "file" ? what.filters : undefined });
    return Array.isArray(picked) ? (picked[0] ?? null) : picked;
  } catch (e) {
    throw toApiError(e);
  }
}

/** A Browse button filling `input`; a failure goes to `onError`. */
export function browseButton(label: string, what: () => BrowseKind, input: HTMLInputElement, onError: (e: ApiError) => void, attrs: Record<string, unknown> = {}): HTMLButtonElement {
  const btn: HTMLButtonElement = h(
    "button",
    {
      type: "button",
      class: "btn btn-small",
      ...attrs,
      onclick: async () => {
        try {
          const path = await browse(what(), label, input.value);
          if (path) {
            input.value = path;
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }
        } catch (e) {
          onError(e as ApiError);
        }
        input.focus();
      },
    },
    label,
  );
  return btn;
}
