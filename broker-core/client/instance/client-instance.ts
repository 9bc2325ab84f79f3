import { createLogger } from '../../common/logger';
import type { MessageExt } from '../../common/message/message-ext';
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import type { ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import type { MessageQueue } from '../message-queue';
import { registerClientRequestProcessors } from './client-request-processors';
import { encodeHeartbeatData, type ConsumerData, type HeartbeatData } from '../../protocol/bodies/heartbeat-data';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { MASTER_BROKER_ID } from '../../protocol/bodies/topic-route-data';
import { UnregisterClientRequestHeader } from '../../protocol/headers/client-manage';
import type { CheckTransactionStateRequestHeader } from '../../protocol/headers/transaction';
import type { Connection } from '../../remoting/connection';
import { RequestCode } from '../../protocol/request-code';
import { signRequest } from '../../acl/acl-signature';
import { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';
import { NamesrvClient } from '../namesrv-client';
import { buildClientId, type ResolvedClientConfig } from './client-config';
import { PeriodicTask } from './periodic-task';
import { RouteTable } from './route-table';

const log = createLogger('client');

/**
 * What one process-side client shares between its producers and consumers (Java `MQClientInstance`): the
 * connections, the routes, and the periodic jobs:
 *
 *   route refresh    every pollNameServerInterval (30 s): routes of every topic in use, from a nameserver
 *   heartbeat        every heartbeatBrokerInterval (30 s): HEART_BEAT with all groups to every broker in use
 *   offset commit    every persistConsumerOffsetInterval (5 s): each consumer's offsets
 *   rebalance        every rebalance interval (20 s) and at once on NOTIFY_CONSUMER_IDS_CHANGED / consumer start
 *
 * Producers and consumers register themselves by group; a group name is used once per instance.
 */
export interface ProducerMember {
  readonly group: string;
  /** Topics this producer has sent to (their routes are kept fresh). */
  publishTopics(): string[];
  /** A topic's route was fetched: rebuild its publish queues when it changed or the producer has none. */
  onRoute(topic: string, route: TopicRouteData, changed: boolean): void;
  /** CHECK_TRANSACTION_STATE for this group (transactional producers only); answer on `connection`. */
  checkTransactionState?(message: MessageExt, header: CheckTransactionStateRequestHeader, connection: Connection): void;
}

export interface ConsumerMember {
  readonly group: string;
  consumerData(): ConsumerData;
  onRoute(topic: string, route: TopicRouteData, changed: boolean): void;
  doRebalance(): Promise<void>;
  persistOffsets(): Promise<void>;
  /** Answers to the broker's requests about this consumer (client-request-processors.ts). */
  readonly adminHooks?: ConsumerAdminHooks;
}

export interface ConsumerAdminHooks {
  /** RESET_CONSUMER_CLIENT_OFFSET: restart the topic's queues from these offsets. */
  resetOffset(topic: string, offsets: ReadonlyArray<{ messageQueue: MessageQueue; value: number }>): Promise<void>;
  /** GET_CONSUMER_STATUS_FROM_CLIENT: the consumer's offsets of a topic. */
  offsetsOf(topic: string): Array<{ messageQueue: MessageQueue; value: number }>;
  /** GET_CONSUMER_RUNNING_INFO. */
  runningInfo(): ConsumerRunningInfo;
  /** CONSUME_MESSAGE_DIRECTLY: run the listener on one message, without retry or offset commit. */
  consumeMessageDirectly(message: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult>;
}

export interface RouteLookupOptions {
  /** Fall back to this topic's route (TBW102) with at most `defaultQueueNums` queues per broker (Java isDefault). */
  defaultTopic?: string;
  defaultQueueNums?: number;
}

export class ClientInstance {
  readonly clientId: string;
  readonly remoting: RemotingClient;
  readonly namesrv: NamesrvClient;
  readonly routes = new RouteTable();
  /** Remoting version of each broker address, from its heartbeat answers (SQL92 needs >= V4_1_0). */
  readonly brokerVersions = new Map<string, number>();
  private readonly producers = new Map<string, ProducerMember>();
  private readonly consumers = new Map<string, ConsumerMember>();
  private readonly routeUpdates = new Map<string, Promise<TopicRouteData | undefined>>();
  private readonly singletons = new Map<string, unknown>();
  private readonly tasks: PeriodicTask[];
  private readonly rebalanceTask: PeriodicTask;
  private started = false;

  constructor(readonly config: ResolvedClientConfig) {
    this.clientId = buildClientId(config);
    const credentials = config.credentials;
    this.remoting = new RemotingClient({
      name: `client ${this.clientId}`,
      connectTimeoutMs: config.requestTimeoutMs,
      beforeRequest: credentials && ((request) => signRequest(request, credentials)),
    });
    this.namesrv = new NamesrvClient(this.remoting, config.namesrvAddrs, { timeoutMs: config.requestTimeoutMs });
    registerClientRequestProcessors(this);
    this.rebalanceTask = new PeriodicTask('rebalance', config.rebalanceIntervalMs, () => this.doRebalance());
    this.tasks = [
      new PeriodicTask('route refresh', config.pollNameServerIntervalMs, () => this.refreshAllRoutes()),
      new PeriodicTask('heartbeat', config.heartbeatBrokerIntervalMs, () => this.sendHeartbeatToAllBrokers()),
      new PeriodicTask('offset commit', config.persistConsumerOffsetIntervalMs, () => this.persistAllConsumerOffsets()),
      this.rebalanceTask,
    ];
  }

  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // First runs as Java schedules them: routes at once, heartbeat after 1 s, offsets after 10 s.
    const [routes, heartbeat, offsets, rebalance] = this.tasks;
    routes.start(10);
    heartbeat.start(Math.min(1000, this.config.heartbeatBrokerIntervalMs));
    offsets.start(Math.min(10_000, this.config.persistConsumerOffsetIntervalMs));
    rebalance.start();
  }

  async shutdown(): Promise<void> {
    if (!this.started) {
      await this.remoting.close();
      return;
    }
    this.started = false;
    await Promise.all(this.tasks.map((task) => task.stop()));
    // Members still registered (e.g. the inner producer) leave the brokers too, as Java's shutdown does.
    for (const group of [...this.producers.keys()]) await this.unregisterProducer(group);
    for (const group of [...this.consumers.keys()]) await this.unregisterConsumer(group);
    await this.remoting.close();
  }

  registerProducer(member: ProducerMember): void {
    if (this.producers.has(member.group)) throw new Error(`the producer group ${member.group} is already registered in ${this.clientId}`);
    this.producers.set(member.group, member);
  }

  registerConsumer(member: ConsumerMember): void {
    if (this.consumers.has(member.group)) throw new Error(`the consumer group ${member.group} is already registered in ${this.clientId}`);
    this.consumers.set(member.group, member);
  }

  /** Removes the group and tells every master broker (UNREGISTER_CLIENT), as Java's unregisterClientWithLock. */
  async unregisterProducer(group: string): Promise<void> {
    this.producers.delete(group);
    await this.unregisterClient({ producerGroup: group });
  }

  async unregisterConsumer(group: string): Promise<void> {
    this.consumers.delete(group);
    await this.unregisterClient({ consumerGroup: group });
  }

  /** One shared object per key and instance (the inner producer that re-sends failed messages to %RETRY%). */
  singleton<T>(key: string, create: () => T): T {
    if (!this.singletons.has(key)) this.singletons.set(key, create());
    return this.singletons.get(key) as T;
  }

  hasMembers(): boolean {
    return this.producers.size > 0 || this.consumers.size > 0;
  }

  consumer(group: string): ConsumerMember | undefined {
    return this.consumers.get(group);
  }

  producer(group: string): ProducerMember | undefined {
    return this.producers.get(group);
  }

  /** Runs a rebalance now (consumer start, NOTIFY_CONSUMER_IDS_CHANGED). */
  rebalanceImmediately(): void {
    this.rebalanceTask.wakeup();
  }

  /**
   * Fetches a topic's route and hands it to every member; concurrent calls for the same topic share one request.
   * Resolves undefined when no nameserver knows the topic (nor the default topic, when given).
   */
  updateTopicRoute(topic: string, options: RouteLookupOptions = {}): Promise<TopicRouteData | undefined> {
    const key = options.defaultTopic ? `${topic}\u0000${options.defaultTopic}` : topic;
    const inFlight = this.routeUpdates.get(key);
    if (inFlight) return inFlight;
    const update = this.fetchRoute(topic, options).finally(() => this.routeUpdates.delete(key));
    this.routeUpdates.set(key, update);
    return update;
  }

  private async fetchRoute(topic: string, options: RouteLookupOptions): Promise<TopicRouteData | undefined> {
    let route: TopicRouteData | undefined;
    if (options.defaultTopic) {
      const template = await this.namesrv.getTopicRouteInfo(options.defaultTopic);
      if (template) {
        const limit = options.defaultQueueNums ?? 4;
        route = {
          ...template,
          queueDatas: template.queueDatas.map((queue) => {
            const nums = Math.min(limit, queue.readQueueNums);
            return { ...queue, readQueueNums: nums, writeQueueNums: nums };
          }),
        };
      }
    } else {
      route = await this.namesrv.getTopicRouteInfo(topic);
    }
    if (!route) return undefined;
    const changed = this.routes.put(topic, route);
    for (const producer of this.producers.values()) producer.onRoute(topic, route, changed);
    for (const consumer of this.consumers.values()) {
      if (consumer.consumerData().subscriptionDataSet.some((sub) => sub.topic === topic)) consumer.onRoute(topic, route, changed);
    }
    return route;
  }

  /** Refreshes the routes of every topic any member uses, then forgets brokers no route lists. */
  async refreshAllRoutes(): Promise<void> {
    const topics = new Set<string>();
    for (const producer of this.producers.values()) for (const topic of producer.publishTopics()) topics.add(topic);
    for (const consumer of this.consumers.values()) {
      for (const sub of consumer.consumerData().subscriptionDataSet) topics.add(sub.topic);
    }
    await Promise.all(
      [...topics].map((topic) =>
        this.updateTopicRoute(topic).catch((error: unknown) => log.debug(`route of ${topic}: ${(error as Error).message}`)),
      ),
    );
    this.routes.cleanOfflineBrokers();
  }

  heartbeatData(): HeartbeatData {
    return {
      clientID: this.clientId,
      producerDataSet: [...this.producers.keys()].map((groupName) => ({ groupName })),
      consumerDataSet: [...this.consumers.values()].map((consumer) => consumer.consumerData()),
    };
  }

  /**
   * HEART_BEAT to every broker the routes name: masters always, slaves too when a consumer is registered (they may
   * be pulled from). Failures are logged; the broker drops a client only after 120 s without one.
   */
  async sendHeartbeatToAllBrokers(): Promise<void> {
    if (!this.hasMembers()) return;
    const data = this.heartbeatData();
    const body = encodeHeartbeatData(data);
    const withConsumers = data.consumerDataSet.length > 0;
    const sends: Array<Promise<void>> = [];
    for (const brokerName of this.routes.brokerNames()) {
      for (const [id, addr] of this.routes.addressesOf(brokerName)) {
        if (id !== MASTER_BROKER_ID && !withConsumers) continue;
        sends.push(
          invokeChecked(this.remoting, addr, RequestCode.HEART_BEAT, { body }, this.config.requestTimeoutMs).then(
            (response) => void this.brokerVersions.set(addr, response.version),
            (error: unknown) => log.warn(`heartbeat to ${brokerName} ${addr} failed: ${(error as Error).message}`),
          ),
        );
      }
    }
    await Promise.all(sends);
  }

  async persistAllConsumerOffsets(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.persistOffsets()));
  }

  private async doRebalance(): Promise<void> {
    for (const consumer of this.consumers.values()) {
      try {
        await consumer.doRebalance();
      } catch (error) {
        log.warn(`rebalance of ${consumer.group} failed: ${(error as Error).message}`);
      }
    }
  }

  private async unregisterClient(groups: { producerGroup?: string; consumerGroup?: string }): Promise<void> {
    const extFields = UnregisterClientRequestHeader.encode({ clientID: this.clientId, ...groups });
    const calls: Array<Promise<unknown>> = [];
    for (const brokerName of this.routes.brokerNames()) {
      for (const addr of this.routes.addressesOf(brokerName).values()) {
        calls.push(
          invokeChecked(this.remoting, addr, RequestCode.UNREGISTER_CLIENT, { extFields }, this.config.requestTimeoutMs).catch(
            (error: unknown) => log.warn(`unregister from ${addr} failed: ${(error as Error).message}`),
          ),
        );
      }
    }
    await Promise.all(calls);
  }
}
