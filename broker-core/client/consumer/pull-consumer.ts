import { createLogger } from '../../common/logger';
import type { MessageExt } from '../../common/message/message-ext';
import { buildSubscriptionData, type ExpressionType, type SubscriptionData } from '../../filter/tag-filter';
import type { ConsumeFromWhere, ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { buildPullSysFlag } from '../../protocol/headers/pull-message';
import { MQClientError } from '../client-error';
import { pidInstanceName, resolveClientConfig, type ClientOptions } from '../instance/client-config';
import { ClientInstance, type ConsumerMember } from '../instance/client-instance';
import * as queueOffsets from '../instance/queue-offsets';
import { messageQueueKey, sortMessageQueues, type MessageQueue } from '../message-queue';
import { checkGroup, checkTopic } from '../validators';
import { allocateAveragely, type AllocateStrategy } from './allocate-strategy';
import { AssignedQueue } from './assigned-queue';
import { computePullFromWhere } from './consume-from-where';
import { PullApi } from './pull-api';
import { Rebalance } from './rebalance';
import { remoteOffsetBroker } from './remote-offset-broker';
import { RemoteOffsetStore } from './remote-offset-store';
import { subscribeQueuesOf } from './subscribe-queues';

const log = createLogger('consumer');

/**
 * A lite pull consumer (Java `DefaultLitePullConsumer`): the application polls. Either `subscribe` (the group's
 * queues are shared out by rebalance, as for push consumers) or `assign` explicit queues. Background loops pull each
 * queue into a bounded cache; `poll` hands out one pulled batch; `seek` moves a queue; `commitSync` stores the
 * consumed offsets (one past the last polled message) on the broker, and `autoCommit` does it every 5 s.
 */
export interface PullConsumerOptions extends ClientOptions {
  group: string;
  consumeFromWhere?: ConsumeFromWhere;
  allocateStrategy?: AllocateStrategy;
  /** Messages per pull. Default 10, as upstream. */
  pullBatchSize?: number;
  /** Pause a queue's pulls while this many messages wait for poll. Default 1000. */
  pullThresholdForQueue?: number;
  autoCommit?: boolean;
  /** Broker hold time of an empty pull. Default 20 000 ms. */
  suspendTimeoutMs?: number;
  pullTimeDelayMsWhenException?: number;
  instance?: ClientInstance;
}

export class PullConsumer implements ConsumerMember {
  readonly group: string;
  readonly instance: ClientInstance;
  readonly messageModel: MessageModel = 'CLUSTERING';
  private readonly ownsInstance: boolean;
  private readonly queues = new Map<string, AssignedQueue>();
  private readonly subscriptions = new Map<string, SubscriptionData>();
  private readonly rebalance: Rebalance;
  private readonly pullApi: PullApi;
  private readonly offsetStore: RemoteOffsetStore;
  private readonly waiters = new Set<() => void>();
  private mode: 'none' | 'subscribe' | 'assign' = 'none';
  private state: 'created' | 'running' | 'closed' = 'created';
  private readonly consumeFromWhere: ConsumeFromWhere;

  constructor(private readonly options: PullConsumerOptions) {
    this.group = options.group;
    checkGroup(this.group);
    this.consumeFromWhere = options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET';
    this.ownsInstance = options.instance === undefined;
    this.instance = options.instance ?? new ClientInstance(resolveClientConfig(options, pidInstanceName()));
    this.pullApi = new PullApi(this.instance, this.group);
    this.offsetStore = new RemoteOffsetStore(remoteOffsetBroker(this.instance, this.group));
    this.rebalance = new Rebalance(this.instance, this.group, 'CLUSTERING', options.allocateStrategy ?? allocateAveragely, {
      computePullFromWhere: (mq) => this.startOffsetOf(mq),
      removeUnnecessaryMessageQueue: async (mq) => {
        await this.commitQueue(mq);
        this.queues.get(messageQueueKey(mq))?.seek(-1);
        this.queues.delete(messageQueueKey(mq));
        return true;
      },
      dispatchPullRequests: (requests) => {
        for (const request of requests) this.addQueue(request.mq, request.nextOffset);
      },
      messageQueueChanged: () => this.instance.sendHeartbeatToAllBrokers(),
    });
  }

  get clientId(): string {
    return this.instance.clientId;
  }

  subscribe(topic: string, expression = '*', type: ExpressionType = 'TAG'): void {
    if (this.mode === 'assign') throw new MQClientError('Subscribe and assign are mutually exclusive.');
    checkTopic(topic);
    this.mode = 'subscribe';
    const subscription = buildSubscriptionData(topic, expression, type);
    this.subscriptions.set(topic, subscription);
    this.rebalance.subscriptions.set(topic, subscription);
  }

  /** Reads exactly these queues (no rebalance); starting offsets come from the committed ones, else consumeFromWhere. */
  async assign(queues: readonly MessageQueue[]): Promise<void> {
    if (this.mode === 'subscribe') throw new MQClientError('Subscribe and assign are mutually exclusive.');
    this.mode = 'assign';
    const wanted = new Set(queues.map(messageQueueKey));
    for (const [key, queue] of this.queues) {
      if (!wanted.has(key)) {
        queue.seek(-1);
        this.queues.delete(key);
      }
    }
    for (const mq of queues) {
      if (!this.subscriptions.has(mq.topic)) this.subscriptions.set(mq.topic, buildSubscriptionData(mq.topic, '*'));
      if (!this.queues.has(messageQueueKey(mq))) this.addQueue(mq, this.state === 'running' ? await this.startOffsetOf(mq) : -1);
    }
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`the consumer ${this.group} was already started`);
    this.instance.registerConsumer(this);
    this.instance.start();
    this.state = 'running';
    for (const topic of this.subscriptions.keys()) await this.instance.updateTopicRoute(topic).catch(() => undefined);
    for (const queue of this.queues.values()) {
      if (queue.pullOffset < 0) queue.seek(await this.startOffsetOf(queue.mq));
      this.kick(queue);
    }
    await this.instance.sendHeartbeatToAllBrokers();
    if (this.mode === 'subscribe') this.instance.rebalanceImmediately();
  }

  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    if (this.options.autoCommit !== false) await this.commitSync().catch((error: unknown) => log.warn(`final commit: ${(error as Error).message}`));
    this.state = 'closed';
    this.wakeWaiters();
    await this.instance.unregisterConsumer(this.group);
    if (this.ownsInstance) await this.instance.shutdown();
  }

  /** Waits up to `timeoutMs` for pulled messages and returns one batch of them (possibly empty). */
  async poll(timeoutMs = 5000): Promise<MessageExt[]> {
    if (this.state !== 'running') throw new MQClientError('The consumer is not running');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const queue of this.queues.values()) {
        if (queue.paused || queue.ready.length === 0) continue;
        const batch = queue.take() ?? [];
        if (this.options.autoCommit !== false) this.offsetStore.updateOffset(queue.mq, queue.consumeOffset, false);
        this.kick(queue);
        if (batch.length > 0) return batch;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.state !== 'running') return [];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Next poll of `mq` starts at `offset` (messages already pulled for it are dropped). */
  seek(mq: MessageQueue, offset: number): void {
    const queue = this.queues.get(messageQueueKey(mq));
    if (!queue) throw new MQClientError(`The message queue is not in assigned list, message queue: ${messageQueueKey(mq)}`);
    queue.seek(offset);
    this.kick(queue);
  }

  async seekToBegin(mq: MessageQueue): Promise<void> {
    this.seek(mq, await queueOffsets.minOffset(this.instance, mq));
  }

  async seekToEnd(mq: MessageQueue): Promise<void> {
    this.seek(mq, await queueOffsets.maxOffset(this.instance, mq));
  }

  pause(queues: readonly MessageQueue[]): void {
    for (const mq of queues) {
      const queue = this.queues.get(messageQueueKey(mq));
      if (queue) queue.paused = true;
    }
  }

  resume(queues: readonly MessageQueue[]): void {
    for (const mq of queues) {
      const queue = this.queues.get(messageQueueKey(mq));
      if (queue) {
        queue.paused = false;
        this.kick(queue);
      }
    }
  }

  /** Stores every queue's consumed offset on the broker and waits for the answers. */
  async commitSync(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => this.commitQueue(queue.mq)));
  }

  /** The offset the broker holds for the group, or -1. */
  async committed(mq: MessageQueue): Promise<number> {
    return this.offsetStore.readOffset(mq, 'store');
  }

  assignment(): MessageQueue[] {
    return sortMessageQueues([...this.queues.values()].map((queue) => queue.mq));
  }

  async fetchMessageQueues(topic: string): Promise<MessageQueue[]> {
    const route = await this.instance.updateTopicRoute(topic);
    if (!route) throw new MQClientError(`Can not find Message Queue for this topic, ${topic}`);
    return sortMessageQueues(subscribeQueuesOf(topic, route));
  }

  consumerData(): ConsumerData {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_ACTIVELY',
      messageModel: this.messageModel,
      consumeFromWhere: this.consumeFromWhere,
      subscriptionDataSet: this.mode === 'subscribe' ? [...this.subscriptions.values()] : [],
      unitMode: false,
    };
  }

  onRoute(topic: string, route: TopicRouteData): void {
    if (this.mode === 'subscribe' && this.subscriptions.has(topic)) this.rebalance.topicSubscribeInfo.set(topic, subscribeQueuesOf(topic, route));
  }

  async doRebalance(): Promise<void> {
    if (this.state === 'running' && this.mode === 'subscribe') await this.rebalance.doRebalance();
  }

  async persistOffsets(): Promise<void> {
    if (this.options.autoCommit === false) return;
    for (const queue of this.queues.values()) if (queue.consumeOffset >= 0) this.offsetStore.updateOffset(queue.mq, queue.consumeOffset, false);
    await this.offsetStore.persistAll(this.assignment());
  }

  private async commitQueue(mq: MessageQueue): Promise<void> {
    const queue = this.queues.get(messageQueueKey(mq));
    if (!queue || queue.consumeOffset < 0) return;
    this.offsetStore.updateOffset(mq, queue.consumeOffset, false);
    await this.offsetStore.persist(mq);
  }

  private async startOffsetOf(mq: MessageQueue): Promise<number> {
    return computePullFromWhere(mq, this.consumeFromWhere, Date.now() - 30 * 60_000, this.offsetStore, {
      maxOffset: (queue) => queueOffsets.maxOffset(this.instance, queue),
      searchOffset: (queue, timestamp) => queueOffsets.searchOffset(this.instance, queue, timestamp),
    });
  }

  private addQueue(mq: MessageQueue, offset: number): void {
    const queue = new AssignedQueue(mq);
    if (offset >= 0) queue.seek(offset);
    this.queues.set(messageQueueKey(mq), queue);
    this.kick(queue);
  }

  private wakeWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }

  /** Starts the queue's pull loop unless it runs, is paused, full, or has no offset yet. */
  private kick(queue: AssignedQueue): void {
    if (this.state !== 'running' || queue.pullingGeneration === queue.generation || queue.paused || queue.pullOffset < 0) return;
    if (queue.cachedCount >= (this.options.pullThresholdForQueue ?? 1000)) return;
    const generation = queue.generation;
    queue.pullingGeneration = generation;
    void this.pullOnce(queue).finally(() => {
      if (queue.pullingGeneration !== generation) return;
      queue.pullingGeneration = undefined;
      if (this.queues.get(messageQueueKey(queue.mq)) === queue) this.kick(queue);
    });
  }

  private async pullOnce(queue: AssignedQueue): Promise<void> {
    const subscription = this.subscriptions.get(queue.mq.topic);
    if (!subscription) return;
    const generation = queue.generation;
    try {
      const result = await this.pullApi.pull({
        mq: queue.mq,
        subscription,
        offset: queue.pullOffset,
        maxNums: this.options.pullBatchSize ?? 10,
        sysFlag: buildPullSysFlag(false, true, true),
        commitOffset: 0,
        suspendTimeoutMs: this.options.suspendTimeoutMs ?? 20_000,
        timeoutMs: (this.options.suspendTimeoutMs ?? 20_000) + 10_000,
        sendSubscription: true,
      });
      if (generation !== queue.generation || this.state !== 'running') return;
      queue.pullOffset = result.nextBeginOffset;
      if (result.status === 'FOUND' && result.messages.length > 0) {
        queue.processQueue.putMessages(result.messages);
        queue.ready.push(result.messages);
        this.wakeWaiters();
      }
    } catch (error) {
      if (this.state !== 'running') return;
      log.warn(`pull of ${messageQueueKey(queue.mq)} failed: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, this.options.pullTimeDelayMsWhenException ?? 1000).unref());
    }
  }
}
