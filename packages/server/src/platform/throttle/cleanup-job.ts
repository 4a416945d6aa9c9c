/** How often the cleanup job runs in a server (`App.startJobs`). */
export const CLEANUP_EVERY_MS = 10 * 60_000;

/**
 * Runs cleanup tasks one after the other: expired security counters, citizen uploads never filed.
 * Every task is safe to run on several instances at once (each deletes by a condition), so no
 * instance has to be elected to do it. One failing task does not stop the others.
 */
export class CleanupJob {
  constructor(private readonly tasks: Array<() => Promise<unknown>>) {}

  async run(
    onError: (e: unknown) => void = (e) => {
      throw e;
    },
  ): Promise<void> {
    for (const task of this.tasks) {
      try {
        await task();
      } catch (e) {
        onError(e);
      }
    }
  }

  /** Runs now and then every `intervalMs`, never two runs at once; returns the function that stops it. */
  start(intervalMs: number, onError: (e: unknown) => void): () => void {
    let running = false;
    const tick = () => {
      if (running) return;
      running = true;
      this.run(onError)
        .catch(onError)
        .finally(() => {
          running = false;
        });
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    tick();
    return () => clearInterval(timer);
  }
}
