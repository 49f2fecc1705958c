// A short notice at the bottom of the window, with an optional action ("Deleted … Undo").
import { h, replace } from "../h";

export interface ToastAction {
  label: string;
  run(): void;
}

export class Toast {
  readonly el = h("div", { class: "toast", role: "status", "aria-live": "polite", hidden: true });
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string, action: ToastAction | null = null, ms = 10000): void {
    clearTimeout(this.timer);
    const btn = action
      ? h(
          "button",
          {
            type: "button",
            class: "btn btn-small toast-action",
            "data-testid": "toast-undo",
            onclick: () => {
              this.hide();
              action.run();
            },
          },
          action.label,
        )
      : null;
    replace(this.el, h("span", { class: "toast-text", dir: "auto" }, text), btn);
    this.el.hidden = false;
    this.timer = setTimeout(() => this.hide(), ms);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.el.hidden = true;
    replace(this.el);
  }

  /** The action button, when one is shown. */
  action(): HTMLButtonElement | null {
    return this.el.hidden ? null : this.el.querySelector<HTMLButtonElement>(".toast-action");
  }
}
