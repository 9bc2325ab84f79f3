/**
 * Rate limit for an expensive request whose cost grows with the cluster (GET_BROKER_CONSUME_STATS walks every group,
 * GET_ALL_TOPIC_CONFIG carries every topic): after a call that took `elapsed` ms the next one is due no sooner than
 * `max(minSpacingMs, elapsed × spacingFactor)` after the previous start, so it never takes more than
 * 1 / spacingFactor of the time however large the cluster gets.
 */
export class AdaptiveGate {
  private nextDueAt = 0;

  constructor(
    private readonly minSpacingMs: number,
    private readonly spacingFactor = 4,
  ) {}

  due(now: number): boolean {
    return now >= this.nextDueAt;
  }

  record(startedAt: number, elapsedMs: number): void {
    this.nextDueAt = startedAt + Math.max(this.minSpacingMs, elapsedMs * this.spacingFactor);
  }
}
