import { createLogger } from '../../common/logger';
import { decodeLockBatchResponseBody, encodeLockBatchRequestBody } from '../../protocol/bodies/lock-batch';
import { MASTER_BROKER_ID } from '../../protocol/bodies/topic-route-data';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked, invokeOneway } from '../broker-request';
import type { ClientInstance } from '../instance/client-instance';
import { messageQueueKey, type MessageQueue } from '../message-queue';
import type { ProcessQueue } from './process-queue';

const log = createLogger('queue-locks');

/**
 * The broker locks of an orderly CLUSTERING consumer (Java `RebalanceImpl.lock/lockAll/unlock/unlockAll`,
 * spec/semantics.md §10.6, remoting.md §11.2 LOCK_BATCH_MQ / UNLOCK_BATCH_MQ).
 *
 * Lock rules:
 *  - a queue is pulled and consumed only while its process queue is `locked` and the lock is younger than
 *    lockMaxLiveTime (30 s) on the client; the broker keeps a lock 60 s after its last renewal;
 *  - a newly assigned queue is added only once LOCK_BATCH_MQ granted it (the previous owner unlocks it after its
 *    last callback finished and its offset was committed, so the new owner starts exactly where it stopped);
 *  - every lockInterval (20 s) all owned queues are re-locked per broker: granted ones are renewed, refused ones
 *    are marked unlocked (their consume runs stop until a later lock succeeds);
 *  - locks are always asked of the broker's master (id 0), as upstream.
 */
export async function lockBatchMQ(
  remoting: RemotingClient,
  addr: string,
  body: { consumerGroup: string; clientId: string; mqSet: MessageQueue[] },
  timeoutMs: number,
): Promise<MessageQueue[]> {
  const request = encodeLockBatchRequestBody({ ...body, onlyThisBroker: false });
  const response = await invokeChecked(remoting, addr, RequestCode.LOCK_BATCH_MQ, { body: request }, timeoutMs);
  return decodeLockBatchResponseBody(response.body ?? Buffer.from('{}')).lockOKMQSet;
}

export async function unlockBatchMQ(
  remoting: RemotingClient,
  addr: string,
  body: { consumerGroup: string; clientId: string; mqSet: MessageQueue[] },
  timeoutMs: number,
  oneway: boolean,
): Promise<void> {
  const request = encodeLockBatchRequestBody({ ...body, onlyThisBroker: false });
  if (oneway) await invokeOneway(remoting, addr, RequestCode.UNLOCK_BATCH_MQ, { body: request });
  else await invokeChecked(remoting, addr, RequestCode.UNLOCK_BATCH_MQ, { body: request }, timeoutMs);
}

export interface OwnedQueues {
  /** The consumer's queues and their process queues. */
  entries(): Iterable<{ mq: MessageQueue; pq: ProcessQueue }>;
}

export class QueueLocks {
  constructor(
    private readonly instance: ClientInstance,
    private readonly group: string,
    private readonly owned: OwnedQueues,
  ) {}

  private async masterOf(brokerName: string, topic: string): Promise<string | undefined> {
    let addr = this.instance.routes.addressesOf(brokerName).get(MASTER_BROKER_ID);
    if (!addr) {
      await this.instance.updateTopicRoute(topic).catch(() => undefined);
      addr = this.instance.routes.addressesOf(brokerName).get(MASTER_BROKER_ID);
    }
    return addr;
  }

  private body(mqSet: MessageQueue[]) {
    return { consumerGroup: this.group, clientId: this.instance.clientId, mqSet };
  }

  /** Locks one queue; on success marks `pq` locked now. False when refused or the broker is unreachable. */
  async lock(mq: MessageQueue, pq?: ProcessQueue): Promise<boolean> {
    const addr = await this.masterOf(mq.brokerName, mq.topic);
    if (!addr) return false;
    try {
      const granted = await lockBatchMQ(this.instance.remoting, addr, this.body([mq]), this.instance.config.requestTimeoutMs);
      const ok = granted.some((item) => messageQueueKey(item) === messageQueueKey(mq));
      if (pq && ok) {
        pq.locked = true;
        pq.lastLockTimestamp = Date.now();
      }
      return ok;
    } catch (error) {
      log.warn(`lock of ${messageQueueKey(mq)} for ${this.group} failed: ${(error as Error).message}`);
      return false;
    }
  }

  /** Re-locks every owned queue, one LOCK_BATCH_MQ per broker (Java lockAll). */
  async lockAll(): Promise<void> {
    for (const [brokerName, entries] of this.byBroker()) {
      const addr = await this.masterOf(brokerName, entries[0].mq.topic);
      if (!addr) continue;
      let granted: Set<string>;
      try {
        const locked = await lockBatchMQ(this.instance.remoting, addr, this.body(entries.map((e) => e.mq)), this.instance.config.requestTimeoutMs);
        granted = new Set(locked.map(messageQueueKey));
      } catch (error) {
        log.warn(`lockAll on ${brokerName} for ${this.group} failed: ${(error as Error).message}`);
        continue;
      }
      const now = Date.now();
      for (const { mq, pq } of entries) {
        if (granted.has(messageQueueKey(mq))) {
          if (!pq.locked) log.info(`the message queue locked OK, group: ${this.group} ${messageQueueKey(mq)}`);
          pq.locked = true;
          pq.lastLockTimestamp = now;
        } else if (pq.locked) {
          log.warn(`the message queue lock failed, group: ${this.group} ${messageQueueKey(mq)}`);
          pq.locked = false;
        }
      }
    }
  }

  /** Releases one queue (after its last callback and offset commit). */
  async unlock(mq: MessageQueue, oneway: boolean): Promise<void> {
    const addr = await this.masterOf(mq.brokerName, mq.topic);
    if (!addr) return;
    try {
      await unlockBatchMQ(this.instance.remoting, addr, this.body([mq]), this.instance.config.requestTimeoutMs, oneway);
    } catch (error) {
      log.warn(`unlock of ${messageQueueKey(mq)} for ${this.group} failed: ${(error as Error).message}`);
    }
  }

  /** Releases every owned queue, one UNLOCK_BATCH_MQ per broker (shutdown). */
  async unlockAll(): Promise<void> {
    for (const [brokerName, entries] of this.byBroker()) {
      const addr = await this.masterOf(brokerName, entries[0].mq.topic);
      if (!addr) continue;
      try {
        await unlockBatchMQ(this.instance.remoting, addr, this.body(entries.map((e) => e.mq)), this.instance.config.requestTimeoutMs, false);
        for (const { pq } of entries) pq.locked = false;
      } catch (error) {
        log.warn(`unlockAll on ${brokerName} for ${this.group} failed: ${(error as Error).message}`);
      }
    }
  }

  private byBroker(): Map<string, Array<{ mq: MessageQueue; pq: ProcessQueue }>> {
    const result = new Map<string, Array<{ mq: MessageQueue; pq: ProcessQueue }>>();
    for (const entry of this.owned.entries()) {
      const list = result.get(entry.mq.brokerName) ?? [];
      list.push(entry);
      result.set(entry.mq.brokerName, list);
    }
    return result;
  }
}
