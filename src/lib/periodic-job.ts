/**
 * A job each instance runs every `intervalMs` from start() until stop(), one
 * run at a time: run() while a run is under way answers with that run. stop()
 * waits for the run under way, so a shutdown cuts nothing off, and what is left
 * waits for the next start. A timed run's failure goes to `onError`, once: a
 * tick that comes while a run is under way passes (joining it, the tick would
 * report its failure again). The timer keeps no process alive. A job says what
 * one run does in runOnce().
 */
export abstract class PeriodicJob<T> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<T> | undefined;

  constructor(private readonly schedule: { intervalMs: number; onError: (error: Error) => void; runAtStart?: boolean }) {}

  protected abstract runOnce(): Promise<T>;

  start(): void {
    if (this.timer) return;
    const timed = () => {
      if (!this.running) void this.run().catch(this.schedule.onError);
    };
    this.timer = setInterval(timed, this.schedule.intervalMs).unref();
    if (this.schedule.runAtStart) timed();
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  run(): Promise<T> {
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }
}
