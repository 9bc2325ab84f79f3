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
import type { ConsumeMessageHook } from './consume-message-hook';
import type { MessageListenerOrderly } from './consume-orderly';
import type { ConsumeService } from './consume-service';
import { ConsumerStats } from './consumer-stats';
import { LocalFileOffsetStore } from './local-offset-store';
import { sendMessageBack } from './message-back';
import type { OffsetStore } from './offset-store';
import { PullApi } from './pull-api';
import { PushConsumerAdminHooks } from './push-consumer-admin';
import { createOrderlyService, orderlyQueueRemoval, type OrderlyOptions } from './push-consumer-orderly';
import { PushPullService, type PushPullSettings } from './push-pull-service';
import { Rebalance, type RebalanceHost } from './rebalance';
import { remoteOffsetBroker } from './remote-offset-broker';
import { RemoteOffsetStore } from './remote-offset-store';
import { subscribeQueuesOf } from './subscribe-queues';
import { Producer } from '../producer/producer';
import { ConsumeTraceHook } from '../trace/consume-trace-hook';
import { TraceDispatcher } from '../trace/trace-dispatcher';

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
 * With an orderly listener (`orderlyListener` / registerMessageListenerOrderly) queues are locked on the broker and
 * consumed one callback at a time in offset order (consume-orderly.ts, push-consumer-orderly.ts).
 */
export interface PushConsumerOptions extends ClientOptions, Partial<PushPullSettings>, OrderlyOptions {
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
  /** Retries before the DLQ; -1 = 16 (orderly: Integer.MAX_VALUE). */
  maxReconsumeTimes?: number;
  /** Directory of broadcasting offset files. Default ~/.rocketmq_offsets. */
  offsetStoreDir?: string;
  listener?: MessageListenerConcurrently;
  /** Consume orderly with this listener (instead of `listener`). */
  orderlyListener?: MessageListenerOrderly;
  /** Write SubBefore / SubAfter traces to the trace topic (trace/). Default false. */
  enableMsgTrace?: boolean;
  /** Trace topic; default RMQ_SYS_TRACE_TOPIC. */
  customizedTraceTopic?: string;
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
  readonly maxReconsumeTimes: number;
  private listener: MessageListenerConcurrently | undefined;
  private orderlyListener: MessageListenerOrderly | undefined;
  private consumeService: ConsumeService | undefined;
  readonly consumeHooks: ConsumeMessageHook[] = [];
  readonly traceDispatcher: TraceDispatcher | undefined;
  private pullService: PushPullService | undefined;
  readonly adminHooks: PushConsumerAdminHooks;
  readonly consumeConcurrency: number;
  private state: 'created' | 'running' | 'closed' = 'created';
  startTimestamp = 0;

  constructor(readonly options: PushConsumerOptions) {
    this.group = options.group;
    checkGroup(this.group);
    this.messageModel = options.messageModel ?? 'CLUSTERING';
    this.consumeFromWhere = options.consumeFromWhere ?? 'CONSUME_FROM_LAST_OFFSET';
    const unlimitedRetries = options.orderlyListener ? 2_147_483_647 : 16;
    this.maxReconsumeTimes = options.maxReconsumeTimes === undefined || options.maxReconsumeTimes < 0 ? unlimitedRetries : options.maxReconsumeTimes;
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
    this.orderlyListener = options.orderlyListener;
    this.adminHooks = new PushConsumerAdminHooks(this);
    this.consumeConcurrency = options.consumeConcurrency ?? 20;
    if (options.enableMsgTrace) {
      this.traceDispatcher = new TraceDispatcher(
        { group: this.group, type: 'CONSUME', traceTopic: options.customizedTraceTopic, clientOptions: options },
        (traceOptions) => new Producer(traceOptions),
      );
      this.registerConsumeMessageHook(new ConsumeTraceHook(this.traceDispatcher));
    }
  }

  /** Orderly consumption (an orderly listener was given). */
  get consumeOrderly(): boolean {
    return this.orderlyListener !== undefined;
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

  /** Consume orderly with `listener`; before start. */
  registerMessageListenerOrderly(listener: MessageListenerOrderly): void {
    this.orderlyListener = listener;
  }

  /** Runs `hook` around every consume callback (Java registerConsumeMessageHook). */
  registerConsumeMessageHook(hook: ConsumeMessageHook): void {
    this.consumeHooks.push(hook);
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`the consumer ${this.group} was already started`);
    const listener = this.listener;
    if (!listener && !this.orderlyListener) {
      throw new MQClientError('messageListener is null: pass `listener` or call registerMessageListener first');
    }
    if (this.rebalance.subscriptions.size === 0) throw new MQClientError('subscription is empty: call subscribe() first');
    if (this.messageModel === 'CLUSTERING') {
      const retryTopic = retryTopicOf(this.group);
      this.rebalance.subscriptions.set(retryTopic, buildSubscriptionData(retryTopic, '*'));
      this.offsetStore = new RemoteOffsetStore(remoteOffsetBroker(this.instance, this.group));
    } else {
      this.offsetStore = new LocalFileOffsetStore(this.instance.clientId, this.group, this.options.offsetStoreDir);
    }
    await this.offsetStore.load();
    this.consumeService = this.orderlyListener
      ? createOrderlyService(this, this.orderlyListener, this.options)
      : this.createConcurrentService(listener as MessageListenerConcurrently);
    this.pullService = new PushPullService(this, new PullApi(this.instance, this.group), this.consumeService, this.options);
    this.instance.registerConsumer(this);
    this.instance.start();
    this.state = 'running';
    this.startTimestamp = Date.now();
    await this.traceDispatcher?.start();
    await Promise.all(
      [...this.rebalance.subscriptions.keys()].map((topic) =>
        this.instance.updateTopicRoute(topic).catch((error: unknown) => log.warn(`route of ${topic}: ${(error as Error).message}`)),
      ),
    );
    await this.checkClientInBroker();
    await this.instance.sendHeartbeatToAllBrokers();
    this.instance.rebalanceImmediately();
  }

  private createConcurrentService(listener: MessageListenerConcurrently): ConsumeConcurrentlyService {
    return new ConsumeConcurrentlyService(
      {
        group: this.group,
        messageModel: this.messageModel,
        listener,
        stats: this.stats,
        hooks: this.consumeHooks,
        sendMessageBack: (message, delayLevel, mq) =>
          sendMessageBack(this.instance, this.group, message, delayLevel, mq, this.maxReconsumeTimes),
        updateOffset: (mq, offset) => this.offsetStore.updateOffset(mq, offset, true),
      },
      this.consumeConcurrency,
      this.options.consumeMessageBatchMaxSize ?? 1,
    );
  }

  /**
   * Stops pulling, waits for the callbacks in flight (their offsets are committed), commits every offset, releases
   * the orderly queue locks (only now, so the next owner starts after the last committed message), tells the brokers
   * the client left (so the others rebalance at once) and closes the connections it owns.
   */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'closed';
    this.pullService?.stop();
    await this.consumeService?.shutdown();
    await this.offsetStore.persistAll(this.rebalance.ownedQueues(), true);
    if (this.consumeOrderly && this.messageModel === 'CLUSTERING') await this.rebalance.locks.unlockAll();
    await this.instance.unregisterConsumer(this.group);
    await this.rebalance.destroy();
    await this.traceDispatcher?.shutdown();
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

  orderlyListenerOrThrow(): MessageListenerOrderly {
    if (!this.orderlyListener) throw new MQClientError('no orderly message listener');
    return this.orderlyListener;
  }

  /** Where a queue starts (committed offset, else consumeFromWhere, spec/semantics.md §10.4); -1 = not now. */
  computePullFromWhere(mq: MessageQueue): Promise<number> {
    return computePullFromWhere(mq, this.consumeFromWhere, this.consumeTimestamp, this.offsetStore, {
      maxOffset: (queue) => queueOffsets.maxOffset(this.instance, queue),
      searchOffset: (queue, timestamp) => queueOffsets.searchOffset(this.instance, queue, timestamp),
    }).catch((error: unknown) => {
      log.warn(`cannot compute the start offset of ${mq.topic}/${mq.brokerName}/${mq.queueId}: ${(error as Error).message}`);
      return -1;
    });
  }

  private rebalanceHost(): RebalanceHost {
    const orderlyClustering = () => this.consumeOrderly && this.messageModel === 'CLUSTERING';
    return {
      computePullFromWhere: (mq) => this.computePullFromWhere(mq),
      removeUnnecessaryMessageQueue: async (mq, pq) => {
        if (orderlyClustering()) return orderlyQueueRemoval(this, this.consumeService, mq, pq);
        await this.offsetStore.persist(mq);
        this.offsetStore.removeOffset(mq);
        return true;
      },
      lockNewQueue: (mq, pq) => (orderlyClustering() ? this.rebalance.locks.lock(mq, pq) : Promise.resolve(true)),
      dispatchPullRequests: (requests) => {
        for (const request of requests) this.pullService?.start(request);
      },
      messageQueueChanged: async () => {
        await this.instance.sendHeartbeatToAllBrokers();
      },
    };
  }
}
