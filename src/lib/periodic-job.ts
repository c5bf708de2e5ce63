/**
 * A job each instance runs every `intervalMs` from start() until stop(), one
 * run at a time: run() while a run is under way answers with that run. stop()
 * waits for the run under way, so a shutdown cuts nothing off. A timed run's
 * failure goes to `onError`; the timer keeps no process alive.
 */
export class PeriodicJob<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(
    private readonly job: () => Promise<T>,
    private readonly options: { intervalMs: number; onError: (error: Error) => void; runAtStart?: boolean },
  ) {}

  start(): void {
    if (this.timer) return;
    const timed = () => void this.run().catch(this.options.onError);
    this.timer = setInterval(timed, this.options.intervalMs).unref();
    if (this.options.runAtStart) timed();
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  run(): Promise<T> {
    this.running ??= this.job().finally(() => (this.running = undefined));
    return this.running;
  }
}
