import { createLogger } from '../../common/logger';
import { isRetryTopic } from '../../common/message/message-const';
import type { SubscriptionData } from '../../filter/tag-filter';
import type { MessageModel } from '../../protocol/bodies/heartbeat-data';
import { getConsumerIdListByGroup } from '../instance/broker-api';
import type { ClientInstance } from '../instance/client-instance';
import { messageQueueKey, sortMessageQueues, type MessageQueue } from '../message-queue';
import type { AllocateStrategy } from './allocate-strategy';
import { ProcessQueue } from './process-queue';
import { QueueLocks } from './queue-locks';

const log = createLogger('rebalance');

/**
 * Which queues this consumer reads (Java `RebalanceImpl`, spec/semantics.md §10.3). Per subscribed topic:
 *  - BROADCASTING: every readable queue of the route;
 *  - CLUSTERING: the strategy's share of the route's queues (sorted) among the group's client ids (sorted), as
 *    reported by one broker of the topic (GET_CONSUMER_LIST_BY_GROUP).
 * Queues no longer assigned are dropped after their offset is persisted; new ones get a process queue and a start
 * offset (consumeFromWhere, through the host) and start being pulled. Queues whose pulls stalled for 120 s are
 * recreated. Runs are serialized: Node is single-threaded but every await lets another run in.
 */
export interface RebalanceHost {
  /** Start offset of a newly assigned queue; < 0 means "not now" (the store could not be asked). */
  computePullFromWhere(mq: MessageQueue): Promise<number>;
  /** Persist and forget the offset of a queue that leaves; false keeps the queue (orderly lock not released). */
  removeUnnecessaryMessageQueue(mq: MessageQueue, pq: ProcessQueue): Promise<boolean>;
  /**
   * Orderly consumers: lock a newly assigned queue on its broker before it is added (marks `pq` locked). A queue
   * whose lock is refused is skipped until a later rebalance. Absent for concurrent consumers.
   */
  lockNewQueue?(mq: MessageQueue, pq: ProcessQueue): Promise<boolean>;
  /** Begin pulling new queues. */
  dispatchPullRequests(requests: PullRequest[]): void;
  /** The assignment of a topic changed (Java bumps the subscription version and heartbeats). */
  messageQueueChanged(topic: string, all: MessageQueue[], mine: MessageQueue[]): Promise<void>;
}

export interface PullRequest {
  consumerGroup: string;
  mq: MessageQueue;
  processQueue: ProcessQueue;
  nextOffset: number;
  /** Orderly: the first pull after the lock re-read the committed offset. */
  previouslyLocked?: boolean;
}

/** A process queue whose last pull is older than this is considered stuck (Java pullMaxIdleTime). */
export const PULL_MAX_IDLE_MS = 120_000;

export class Rebalance {
  /** topic -> subscription, including the automatic %RETRY%<group> one. */
  readonly subscriptions = new Map<string, SubscriptionData>();
  /** topic -> readable queues from the latest route. */
  readonly topicSubscribeInfo = new Map<string, MessageQueue[]>();
  /** queue key -> (queue, its process queue). */
  readonly processQueues = new Map<string, { mq: MessageQueue; pq: ProcessQueue }>();
  /** Broker locks of the owned queues (used by orderly consumers only). */
  readonly locks: QueueLocks;
  private running: Promise<void> | undefined;

  constructor(
    private readonly instance: ClientInstance,
    readonly group: string,
    readonly messageModel: MessageModel,
    private readonly strategy: AllocateStrategy,
    private readonly host: RebalanceHost,
  ) {
    this.locks = new QueueLocks(instance, group, { entries: () => this.processQueues.values() });
  }

  /** Runs one rebalance of every subscribed topic; a call during a run waits for it and runs once more. */
  async doRebalance(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.rebalanceAll().finally(() => (this.running = undefined));
    await this.running;
  }

  private async rebalanceAll(): Promise<void> {
    for (const topic of this.subscriptions.keys()) {
      try {
        await this.rebalanceByTopic(topic);
      } catch (error) {
        if (!isRetryTopic(topic)) log.warn(`rebalance of ${this.group} on ${topic} failed: ${(error as Error).message}`);
      }
    }
    // Java truncateMessageQueueNotMyTopic: forget queues of topics no longer subscribed.
    for (const [key, { mq, pq }] of this.processQueues) {
      if (!this.subscriptions.has(mq.topic)) {
        pq.dropped = true;
        this.processQueues.delete(key);
      }
    }
  }

  private async rebalanceByTopic(topic: string): Promise<void> {
    const mqSet = this.topicSubscribeInfo.get(topic);
    if (this.messageModel === 'BROADCASTING') {
      if (!mqSet) return;
      if (await this.updateProcessQueues(topic, mqSet)) await this.host.messageQueueChanged(topic, mqSet, mqSet);
      return;
    }
    if (!mqSet) {
      if (!isRetryTopic(topic)) log.warn(`doRebalance, ${this.group}, but the topic[${topic}] not exist.`);
      return;
    }
    const cidAll = await this.findConsumerIdList(topic);
    if (!cidAll || cidAll.length === 0) {
      log.warn(`doRebalance, ${this.group} ${topic}, get consumer id list failed`);
      return;
    }
    const mqAll = sortMessageQueues(mqSet);
    const cids = [...cidAll].sort();
    const mine = this.strategy.allocate(this.group, this.instance.clientId, mqAll, cids);
    const unique = new Map(mine.map((mq) => [messageQueueKey(mq), mq]));
    if (await this.updateProcessQueues(topic, [...unique.values()])) {
      log.info(`rebalance ${this.group} ${topic}: ${this.instance.clientId} takes ${unique.size} of ${mqAll.length} queues among ${cids.length} consumers`);
      await this.host.messageQueueChanged(topic, mqAll, [...unique.values()]);
    }
  }

  /** Java `findConsumerIdList`: ask one broker of the topic (master preferred) for the group's client ids. */
  private async findConsumerIdList(topic: string): Promise<string[] | undefined> {
    let addr = this.instance.routes.findBrokerAddrByTopic(topic);
    if (!addr) {
      await this.instance.updateTopicRoute(topic);
      addr = this.instance.routes.findBrokerAddrByTopic(topic);
    }
    if (!addr) return undefined;
    return getConsumerIdListByGroup(this.instance.remoting, addr, this.group, this.instance.config.requestTimeoutMs);
  }

  /** Java `updateProcessQueueTableInRebalance`; returns whether the set of queues changed. */
  private async updateProcessQueues(topic: string, assigned: readonly MessageQueue[]): Promise<boolean> {
    let changed = false;
    const wanted = new Set(assigned.map(messageQueueKey));
    for (const [key, { mq, pq }] of this.processQueues) {
      if (mq.topic !== topic) continue;
      const stale = Date.now() - pq.lastPullTimestamp > PULL_MAX_IDLE_MS;
      // A queue whose orderly removal was refused (a callback was running) is tried again even if wanted again.
      const removalRefused = pq.dropped && pq.tryUnlockTimes > 0;
      if (!wanted.has(key) || stale || removalRefused) {
        pq.dropped = true;
        if (await this.host.removeUnnecessaryMessageQueue(mq, pq)) {
          this.processQueues.delete(key);
          changed = true;
          if (stale && wanted.has(key)) log.warn(`${this.group}: pulls of ${key} stalled; recreating its process queue`);
        }
      }
    }
    const requests: PullRequest[] = [];
    for (const mq of assigned) {
      const key = messageQueueKey(mq);
      if (this.processQueues.has(key)) continue;
      const pq = new ProcessQueue();
      if (this.host.lockNewQueue && !(await this.host.lockNewQueue(mq, pq))) {
        log.warn(`doRebalance, ${this.group}, add a new mq failed, ${key}, because lock failed`);
        continue;
      }
      const nextOffset = await this.host.computePullFromWhere(mq);
      if (nextOffset < 0) {
        log.warn(`doRebalance, ${this.group}, add new mq failed, ${key}`);
        continue;
      }
      if (this.processQueues.has(key)) continue;
      this.processQueues.set(key, { mq, pq });
      requests.push({ consumerGroup: this.group, mq, processQueue: pq, nextOffset });
      changed = true;
    }
    if (requests.length > 0) this.host.dispatchPullRequests(requests);
    return changed;
  }

  /** Queues currently owned (for offset persistence and running-info reports). */
  ownedQueues(): MessageQueue[] {
    return [...this.processQueues.values()].map((entry) => entry.mq);
  }

  processQueueOf(mq: MessageQueue): ProcessQueue | undefined {
    return this.processQueues.get(messageQueueKey(mq))?.pq;
  }

  /** Drops a queue immediately (PULL_OFFSET_MOVED, reset offset); the next rebalance may add it back. */
  async removeProcessQueue(mq: MessageQueue): Promise<void> {
    const key = messageQueueKey(mq);
    const entry = this.processQueues.get(key);
    if (!entry) return;
    entry.pq.dropped = true;
    await this.host.removeUnnecessaryMessageQueue(mq, entry.pq);
    this.processQueues.delete(key);
  }

  /** Drops everything (shutdown). */
  async destroy(): Promise<void> {
    for (const { pq } of this.processQueues.values()) pq.dropped = true;
    this.processQueues.clear();
  }
}
