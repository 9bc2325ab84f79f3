import { createLogger } from '../../common/logger';

const log = createLogger('client');

/**
 * A job run every `periodMs` (after `initialDelayMs` the first time), never overlapping itself: the next run is
 * scheduled when the previous one has finished. `wakeup()` runs it as soon as possible (once, however often it is
 * called meanwhile). Timers are unref'd so a forgotten client never keeps the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeupRequested = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly periodMs: number,
    private readonly job: () => Promise<void>,
  ) {}

  start(initialDelayMs = this.periodMs): void {
    this.stopped = false;
    this.schedule(initialDelayMs);
  }

  wakeup(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeupRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops scheduling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    this.timer = undefined;
    this.running = this.job()
      .catch((error: unknown) => log.warn(`${this.name} failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        const again = this.wakeupRequested;
        this.wakeupRequested = false;
        this.schedule(again ? 0 : this.periodMs);
      });
  }
}
