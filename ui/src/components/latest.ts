// "Ignore stale responses": of requests fired one after another (on every keystroke, on
// every selection…), only the answer of the newest one is used. An older answer that
// arrives late is dropped instead of overwriting the newer one. Pure: no DOM.

/** What a request ended with. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface LatestOnly {
  /**
   * Run `task`. Resolves to its outcome, or to null when it became stale meanwhile
   * (another `run` started, or `cancel` was called): the caller then does nothing.
   * Never rejects.
   */
  run<T>(task: () => Promise<T>): Promise<Settled<T> | null>;
  /** Make every request in flight stale (e.g. the view it was for closed). */
  cancel(): void;
  /** A request is in flight and still current (for "searching…" indicators). */
  pending(): boolean;
}

export function latestOnly(): LatestOnly {
  let seq = 0;
  let inFlight = false;
  return {
    async run<T>(task: () => Promise<T>): Promise<Settled<T> | null> {
      const mine = ++seq;
      inFlight = true;
      let out: Settled<T>;
      try {
        out = { ok: true, value: await task() };
      } catch (error) {
        out = { ok: false, error };
      }
      if (mine !== seq) return null;
      inFlight = false;
      return out;
    },
    cancel(): void {
      seq++;
      inFlight = false;
    },
    pending(): boolean {
      return inFlight;
    },
  };
}
