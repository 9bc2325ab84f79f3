import type { GroupSummary } from '../../validations/group';

/**
 * The group list of one cluster, kept for a few seconds: the list page polls, and hundreds of groups should not be
 * asked about on every poll by every open tab. Within FRESH_MS the snapshot is served as is; older, it is served
 * while one refresh runs in the background (stale-while-revalidate); past STALE_LIMIT_MS, or after a change made
 * through the console (invalidate), the caller waits for fresh data. Concurrent callers share one refresh.
 */
export const FRESH_MS = 4000;
export const STALE_LIMIT_MS = 30_000;

export interface GroupSnapshot {
  rows: GroupSummary[];
  fetchedAt: number;
}

export class GroupListCache {
  private snapshot: GroupSnapshot | undefined;
  private refreshing: Promise<GroupSnapshot> | undefined;
  private generation = 0;

  constructor(private readonly fetch: () => Promise<GroupSummary[]>) {}

  async get(now = Date.now()): Promise<GroupSnapshot> {
    const snapshot = this.snapshot;
    if (snapshot && now - snapshot.fetchedAt < FRESH_MS) return snapshot;
    const refresh = this.refresh();
    if (snapshot && now - snapshot.fetchedAt < STALE_LIMIT_MS) {
      refresh.catch(() => undefined); // the next caller past the limit sees the error
      return snapshot;
    }
    return refresh;
  }

  /** Forgets the snapshot: the next get() waits for a refresh started after this call. */
  invalidate(): void {
    this.snapshot = undefined;
    this.generation++;
    this.refreshing = undefined;
  }

  private refresh(): Promise<GroupSnapshot> {
    if (this.refreshing) return this.refreshing;
    const generation = this.generation;
    const startedAt = Date.now();
    const running = this.fetch().then(
      (rows) => {
        const snapshot = { rows, fetchedAt: startedAt };
        if (generation === this.generation) {
          this.snapshot = snapshot;
          this.refreshing = undefined;
        }
        return snapshot;
      },
      (error: unknown) => {
        if (generation === this.generation) this.refreshing = undefined;
        throw error;
      },
    );
    this.refreshing = running;
    return running;
  }
}
