// Delay a call until the input has been quiet for a moment (search as you type, live previews).

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Run a pending call now (no-op when none is pending). */
  flush(): void;
  cancel(): void;
  pending(): boolean;
}

/** Delay `fn` until `ms` passed without another call; the last arguments win. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | null = null;
  const run = () => {
    timer = undefined;
    const args = last;
    last = null;
    if (args) fn(...args);
  };
  const d = ((...args: A) => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  }) as Debounced<A>;
  d.flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    run();
  };
  d.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    last = null;
  };
  d.pending = () => timer !== undefined;
  return d;
}
