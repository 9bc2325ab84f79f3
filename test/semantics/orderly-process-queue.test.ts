import { describe, expect, it } from 'vitest';
import { ProcessQueue } from '../../broker-core/client/consumer/process-queue';
import type { MessageExt } from '../../broker-core/common/message/message-ext';

/** The orderly half of ProcessQueue (Java takeMessages / commit / makeMessageToConsumeAgain / rollback). */
const message = (queueOffset: number): MessageExt => ({ queueOffset, body: Buffer.alloc(10), properties: new Map() }) as unknown as MessageExt;

describe('ProcessQueue (orderly)', () => {
  it('takes the oldest messages in offset order and commits the offset after the last one', () => {
    const pq = new ProcessQueue();
    pq.putMessages([5, 3, 4, 6].map(message));
    expect(pq.takeMessages(2).map((m) => m.queueOffset)).toEqual([3, 4]);
    expect(pq.count).toBe(4); // taken messages still count for flow control until committed
    expect(pq.consumingRange()).toEqual({ min: 3, max: 4, count: 2 });
    expect(pq.commit()).toBe(5);
    expect(pq.count).toBe(2);
    expect(pq.sizeBytes).toBe(20);
    expect(pq.commit()).toBe(-1);
  });

  it('puts suspended messages back in front; rollback returns everything uncommitted', () => {
    const pq = new ProcessQueue();
    pq.putMessages([0, 1, 2, 3].map(message));
    const first = pq.takeMessages(1);
    pq.makeMessageToConsumeAgain(first);
    expect(pq.takeMessages(1).map((m) => m.queueOffset)).toEqual([0]);
    expect(pq.takeMessages(2).map((m) => m.queueOffset)).toEqual([1, 2]);
    pq.rollback();
    expect(pq.takeMessages(4).map((m) => m.queueOffset)).toEqual([0, 1, 2, 3]);
    expect(pq.commit()).toBe(4);
  });

  it('ends the run when nothing is left, and a re-pulled offset that is being consumed is not cached twice', () => {
    const pq = new ProcessQueue();
    pq.consumingRun = true;
    pq.putMessages([message(0)]);
    pq.takeMessages(1);
    expect(pq.putMessages([message(0), message(1)])).toBe(1);
    expect(pq.takeMessages(5).map((m) => m.queueOffset)).toEqual([1]);
    expect(pq.consumingRun).toBe(true);
    expect(pq.takeMessages(5)).toEqual([]);
    expect(pq.consumingRun).toBe(false);
  });

  it('a reset (clear) leaves nothing to commit for a callback in flight', () => {
    const pq = new ProcessQueue();
    pq.putMessages([message(7)]);
    pq.takeMessages(1);
    pq.clear();
    expect(pq.commit()).toBe(-1);
  });

  it('judges its own lock stale after lockMaxLiveTime', () => {
    const pq = new ProcessQueue();
    pq.lastLockTimestamp = 1000;
    expect(pq.isLockExpired(30_000, 31_000)).toBe(false);
    expect(pq.isLockExpired(30_000, 31_001)).toBe(true);
  });
});
