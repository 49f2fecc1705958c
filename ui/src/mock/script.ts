// Drive the UI for screenshots (?script=…): "type:abc", "key:Enter", "key:Alt+L", "wait:100",
// "click:<css selector>".
import { sleep } from "./data";

export async function runScript(script: string): Promise<void> {
  await sleep(300);
  for (const step of script.split(",")) {
    const [op, arg = ""] = step.split(":");
    const target = (document.activeElement as HTMLElement) ?? document.body;
    if (op === "wait") await sleep(Number(arg));
    else if (op === "type") {
      const el = target as HTMLInputElement;
      el.value += decodeURIComponent(arg);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await sleep(150);
    } else if (op === "key") {
      const parts = arg.split("+");
      const key = parts.pop()!;
      const init: KeyboardEventInit = {
        key, bubbles: true, cancelable: true,
        code: key.length === 1 ? "Key" + key.toUpperCase() : key,
        altKey: parts.includes("Alt"), ctrlKey: parts.includes("Ctrl"), shiftKey: parts.includes("Shift"),
        metaKey: parts.includes("Super"),
      };
      target.dispatchEvent(new KeyboardEvent("keydown", init));
      await sleep(200);
    } else if (op === "click") {
      const el = document.querySelector(decodeURIComponent(arg)) as HTMLElement | null;
      el?.focus();
      el?.click();
      await sleep(200);
    }
  }
}
