import { createLogger } from '../../common/logger';
import { retryTopicOf } from '../../common/message/message-const';
import { buildSubscriptionData, isTagType, type ExpressionType, type SubscriptionData } from '../../filter/tag-filter';
import type { ConsumeFromWhere, ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { MQClientError } from '../client-error';
import { checkClientInBroker } from '../instance/broker-api';
import { DEFAULT_INSTANCE_NAME, pidInstanceName, resolveClientConfig, type ClientOptions } from '../instance/client-config';
import { ClientInstance, type ConsumerMember } from '../instance/client-instance';
import * as queueOffsets from '../instance/queue-offsets';
import type { MessageQueue } from '../message-queue';
import { checkGroup, checkTopic } from '../validators';
import { allocateAveragely, allocateStrategyByName, type AllocateStrategy } from './allocate-strategy';
import { computePullFromWhere, parseConsumeTimestamp } from './consume-from-where';
import { ConsumeConcurrentlyService, type MessageListenerConcurrently } from './consume-concurrently';
import { ConsumerStats } from './consumer-stats';
import { LocalFileOffsetStore } from './local-offset-store';
import { sendMessageBack } from './message-back';
import type { OffsetStore } from './offset-store';
import { PullApi } from './pull-api';
import { PushConsumerAdminHooks } from './push-consumer-admin';
import { PushPullService, type PushPullSettings } from './push-pull-service';
import { Rebalance, type RebalanceHost } from './rebalance';
import { remoteOffsetBroker } from './remote-offset-broker';
import { RemoteOffsetStore } from './remote-offset-store';
import { subscribeQueuesOf } from './subscribe-queues';

const log = createLogger('consumer');

/**
 * A push consumer (Java `DefaultMQPushConsumer` with a concurrent listener), spec/semantics.md §5, §7, §10.
 *
 *  - CLUSTERING (default): the group's queues are shared out by the allocation strategy, rebalanced every 20 s and
 *    at once when the broker says the group changed; offsets live on the broker, committed every 5 s, piggy-backed on
 *    pulls and at shutdown; failed messages go back for retry; %RETRY%<group> is subscribed automatically.
 *  - BROADCASTING: every consumer reads every queue; offsets live in a local file; failures are dropped.
 * Pulls long-poll (15 s suspend, 30 s RPC timeout); a queue pauses while its cache exceeds pullThresholdForQueue
 * messages, pullThresholdSizeForQueue MiB or consumeConcurrentlyMaxSpan offsets.
 */
export interface PushConsumerOptions extends ClientOptions, Partial<PushPullSettings> {
  group: string;
  messageModel?: MessageModel;
  consumeFromWhere?: ConsumeFromWhere;
  /** For CONSUME_FROM_TIMESTAMP: `yyyyMMddHHmmss` (local time) or epoch ms. Default: 30 minutes ago. */
  consumeTimestamp?: string | number;
  /** A strategy, or its name (AVG, AVG_BY_CIRCLE, CONSISTENT_HASH). Default AVG. */
  allocateStrategy?: AllocateStrategy | string;
  /** Consume callbacks in flight at most (consumeThreadMax). Default 20. */
  consumeConcurrency?: number;
  /** Messages per callback. Default 1. */
  consumeMessageBatchMaxSize?: number;
  /** Retries before the DLQ; -1 = 16. */
  maxReconsumeTimes?: number;
  /** Directory of broadcasting offset files. Default ~/.rocketmq_offsets. */
  offsetStoreDir?: string;
  listener?: MessageListenerConcurrently;
  instance?: ClientInstance;
}

export class PushConsumer implements ConsumerMember {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly instance: ClientInstance;
  readonly stats = new ConsumerStats();
  readonly rebalance: Rebalance;
  readonly consumeFromWhere: ConsumeFromWhere;
  offsetStore!: OffsetStore;
  private readonly ownsInstance: boolean;
  private readonly consumeTimestamp: number;
  private readonly maxReconsumeTimes: number;
  private listener: MessageListenerConcurrently | undefined;
  private consumeService: ConsumeConcurrentlyService | undefined;
  private pullService: PushPullService | undefined;
  readonly adminHooks: PushConsumerAdminHooks;
  readonly consumeConcurrency: number;
  private state: 'created' | 'running' | 'closed' = 'created';
  startTimestamp = 0;

  constructor(private readonly options: PushConsumerOptions) {
    this.group = options.group;
    checkGroup(this.group);
    this.messageModel = options.messageModel ?? 'CLUSTERING';
    this.consumeFromWhere = options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET';
    this.maxReconsumeTimes = options.maxReconsumeTimes === undefined || options.maxReconsumeTimes < 0 ? 16 : options.maxReconsumeTimes;
    const ts = options.consumeTimestamp ?? Date.now() - 30 * 60_000;
    this.consumeTimestamp = typeof ts === 'number' ? ts : parseConsumeTimestamp(ts);
    this.ownsInstance = options.instance === undefined;
    // Java renames a DEFAULT instance to pid#nanoTime for clustering; broadcasting keeps DEFAULT (stable offset file).
    const defaultName = this.messageModel === 'CLUSTERING' ? pidInstanceName() : DEFAULT_INSTANCE_NAME;
    this.instance = options.instance ?? new ClientInstance(resolveClientConfig(options, defaultName));
    const strategy =
      typeof options.allocateStrategy === 'string' ? allocateStrategyByName(options.allocateStrategy) : (options.allocateStrategy ?? allocateAveragely);
    this.rebalance = new Rebalance(this.instance, this.group, this.messageModel, strategy, this.rebalanceHost());
    this.listener = options.listener;
    this.adminHooks = new PushConsumerAdminHooks(this);
    this.consumeConcurrency = options.consumeConcurrency ?? 20;
  }

  get clientId(): string {
    return this.instance.clientId;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Subscribes a topic with a tag expression (`*`, `a || b`) or an SQL92 expression. Call before or after start. */
  subscribe(topic: string, expression = '*', type: ExpressionType = 'TAG'): void {
    checkTopic(topic);
    this.rebalance.subscriptions.set(topic, buildSubscriptionData(topic, expression, type));
    if (this.state === 'running') {
      void this.instance.updateTopicRoute(topic).then(() => this.instance.sendHeartbeatToAllBrokers());
    }
  }

  unsubscribe(topic: string): void {
    this.rebalance.subscriptions.delete(topic);
  }

  registerMessageListener(listener: MessageListenerConcurrently): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`the consumer ${this.group} was already started`);
    const listener = this.listener;
    if (!listener) throw new MQClientError('messageListener is null: pass `listener` or call registerMessageListener first');
    if (this.rebalance.subscriptions.size === 0) throw new MQClientError('subscription is empty: call subscribe() first');
    if (this.messageModel === 'CLUSTERING') {
      const retryTopic = retryTopicOf(this.group);
      this.rebalance.subscriptions.set(retryTopic, buildSubscriptionData(retryTopic, '*'));
      this.offsetStore = new RemoteOffsetStore(remoteOffsetBroker(this.instance, this.group));
    } else {
      this.offsetStore = new LocalFileOffsetStore(this.instance.clientId, this.group, this.options.offsetStoreDir);
    }
    await this.offsetStore.load();
    this.consumeService = new ConsumeConcurrentlyService(
      {
        group: this.group,
        messageModel: this.messageModel,
        listener,
        stats: this.stats,
        sendMessageBack: (message, delayLevel, mq) =>
          sendMessageBack(this.instance, this.group, message, delayLevel, mq, this.maxReconsumeTimes),
        updateOffset: (mq, offset) => this.offsetStore.updateOffset(mq, offset, true),
      },
      this.consumeConcurrency,
      this.options.consumeMessageBatchMaxSize ?? 1,
    );
    this.pullService = new PushPullService(this, new PullApi(this.instance, this.group), this.consumeService, this.options);
    this.instance.registerConsumer(this);
    this.instance.start();
    this.state = 'running';
    this.startTimestamp = Date.now();
    await Promise.all(
      [...this.rebalance.subscriptions.keys()].map((topic) =>
        this.instance.updateTopicRoute(topic).catch((error: unknown) => log.warn(`route of ${topic}: ${(error as Error).message}`)),
      ),
    );
    await this.checkClientInBroker();
    await this.instance.sendHeartbeatToAllBrokers();
    this.instance.rebalanceImmediately();
  }

  /**
   * Stops pulling, waits for the callbacks in flight (their offsets are committed), commits every offset, tells the
   * brokers the client left (so the others rebalance at once) and closes the connections it owns.
   */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'closed';
    this.pullService?.stop();
    await this.consumeService?.shutdown();
    await this.offsetStore.persistAll(this.rebalance.ownedQueues(), true);
    await this.instance.unregisterConsumer(this.group);
    await this.rebalance.destroy();
    if (this.ownsInstance) await this.instance.shutdown();
  }

  /** Java CHECK_CLIENT_CONFIG: an SQL92 subscription must be accepted by a broker of its topic before consuming. */
  private async checkClientInBroker(): Promise<void> {
    for (const subscription of this.rebalance.subscriptions.values()) {
      if (isTagType(subscription.expressionType)) continue;
      const addr = this.instance.routes.findBrokerAddrByTopic(subscription.topic);
      if (!addr) continue;
      try {
        await checkClientInBroker(this.instance.remoting, addr, this.group, this.instance.clientId, subscription);
      } catch (error) {
        await this.shutdown().catch(() => undefined);
        throw new MQClientError(
          `Check client in broker error, maybe because you use ${subscription.expressionType} to filter message, but server has not been upgraded to support!: ${(error as Error).message}`,
          undefined,
          { cause: error },
        );
      }
    }
  }

  consumerData(): ConsumerData {
    return {
      groupName: this.group,
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: this.messageModel,
      consumeFromWhere: this.consumeFromWhere,
      subscriptionDataSet: [...this.rebalance.subscriptions.values()],
      unitMode: false,
    };
  }

  onRoute(topic: string, route: TopicRouteData): void {
    if (this.rebalance.subscriptions.has(topic)) this.rebalance.topicSubscribeInfo.set(topic, subscribeQueuesOf(topic, route));
  }

  async doRebalance(): Promise<void> {
    if (this.state === 'running') await this.rebalance.doRebalance();
  }

  async persistOffsets(): Promise<void> {
    if (!this.offsetStore) return;
    await this.offsetStore.persistAll(this.rebalance.ownedQueues());
  }

  subscriptions(): SubscriptionData[] {
    return [...this.rebalance.subscriptions.values()];
  }

  listenerOrThrow(): MessageListenerConcurrently {
    if (!this.listener) throw new MQClientError('no message listener');
    return this.listener;
  }

  private rebalanceHost(): RebalanceHost {
    return {
      computePullFromWhere: (mq) =>
        computePullFromWhere(mq, this.consumeFromWhere, this.consumeTimestamp, this.offsetStore, {
          maxOffset: (queue) => queueOffsets.maxOffset(this.instance, queue),
          searchOffset: (queue, timestamp) => queueOffsets.searchOffset(this.instance, queue, timestamp),
        }).catch((error: unknown) => {
          log.warn(`cannot compute the start offset of ${mq.topic}/${mq.brokerName}/${mq.queueId}: ${(error as Error).message}`);
          return -1;
        }),
      removeUnnecessaryMessageQueue: async (mq: MessageQueue) => {
        await this.offsetStore.persist(mq);
        this.offsetStore.removeOffset(mq);
        return true;
      },
      dispatchPullRequests: (requests) => {
        for (const request of requests) this.pullService?.start(request);
      },
      messageQueueChanged: async () => {
        await this.instance.sendHeartbeatToAllBrokers();
      },
    };
  }
}
