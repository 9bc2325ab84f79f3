import { messageQueueId, type MessageQueue } from '../../protocol/bodies/message-queue';

/**
 * Queue locks of orderly consumers (Java `RebalanceLockManager`, semantics.md §10.6): group -> queue -> owner
 * client id. A lock expires `maxLiveTimeMs` (60 s) after its owner last (re)locked it; then another client may take
 * it. Expired entries are swept by `sweep` so the table stays bounded by the live locks.
 */
interface LockEntry {
  clientId: string;
  lastUpdateTimestamp: number;
}

export class RebalanceLockManager {
  private readonly groups = new Map<string, Map<string, LockEntry>>();

  constructor(private readonly maxLiveTimeMs: () => number, private readonly clock: () => number = Date.now) {}

  /** Locks what it can for `clientId`; returns the queues it now holds. */
  tryLockBatch(group: string, queues: MessageQueue[], clientId: string): MessageQueue[] {
    const now = this.clock();
    let locks = this.groups.get(group);
    if (!locks) {
      locks = new Map();
      this.groups.set(group, locks);
    }
    const locked: MessageQueue[] = [];
    for (const queue of queues) {
      const key = messageQueueId(queue);
      const entry = locks.get(key);
      if (!entry || entry.clientId === clientId || this.isExpired(entry, now)) {
        locks.set(key, { clientId, lastUpdateTimestamp: now });
        locked.push(queue);
      }
    }
    return locked;
  }

  unlockBatch(group: string, queues: MessageQueue[], clientId: string): void {
    const locks = this.groups.get(group);
    if (!locks) return;
    for (const queue of queues) {
      const key = messageQueueId(queue);
      if (locks.get(key)?.clientId === clientId) locks.delete(key);
    }
    if (locks.size === 0) this.groups.delete(group);
  }

  isLocked(group: string, queue: MessageQueue, clientId: string): boolean {
    const entry = this.groups.get(group)?.get(messageQueueId(queue));
    return entry !== undefined && entry.clientId === clientId && !this.isExpired(entry, this.clock());
  }

  sweep(): void {
    const now = this.clock();
    for (const [group, locks] of this.groups) {
      for (const [key, entry] of locks) if (this.isExpired(entry, now)) locks.delete(key);
      if (locks.size === 0) this.groups.delete(group);
    }
  }

  private isExpired(entry: LockEntry, now: number): boolean {
    return now - entry.lastUpdateTimestamp > this.maxLiveTimeMs();
  }
}
