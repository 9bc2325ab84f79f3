import { retryTopicOf } from '../../common/message/message-const';
import type { ClusterInfo } from '../../protocol/bodies/cluster-info';
import type { ConsumeStats } from '../../protocol/bodies/consume-stats';
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import type { ConsumerConnection, ProducerConnection } from '../../protocol/bodies/consumer-connection';
import type { ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import type { SubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config';
import type { TopicConfig } from '../../protocol/bodies/topic-config';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import type { TopicStatsTable } from '../../protocol/bodies/topic-stats-table';
import { ResponseCode } from '../../protocol/response-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { ResponseCodeError } from '../../remoting/remoting-error';
import * as broker from '../broker-admin';
import { MQClientError } from '../client-error';
import { resolveClientConfig, type ClientOptions } from '../instance/client-config';
import { ClientInstance } from '../instance/client-instance';
import * as queueOffsets from '../instance/queue-offsets';
import { compareMessageQueues, type MessageQueue } from '../message-queue';
import type { NamesrvClient } from '../namesrv-client';
import { allMasterAddrs, brokerNameOfAddr, brokerNamesOfCluster, clusterOfBrokerName, masterAddrsOfCluster, selectBrokerAddr } from './cluster-lookup';
import * as groups from './group-queries';

/**
 * The admin facade (Java `DefaultMQAdminExt`): takes nameserver addresses, finds brokers through cluster info and
 * routes, and merges their answers. The console and mqadmin are built on it; broker-admin.ts has the single-broker
 * requests underneath. Group look-ups live in group-queries.ts; message queries, offset resets and lag helpers in
 * message-queries.ts, offset-reset.ts and consumer-lag.ts, which take an MQAdmin.
 *
 * A target for writes is either one broker (`{ brokerAddr }`) or every master of a cluster (`{ clusterName }`).
 */
export interface MQAdminOptions extends ClientOptions {
  /** Per-request timeout, default 5000 ms. */
  timeoutMs?: number;
}

export type AdminTarget = { brokerAddr: string } | { clusterName: string };

export const ORDER_TOPIC_CONFIG_NAMESPACE = 'ORDER_TOPIC_CONFIG';

export class MQAdmin {
  readonly instance: ClientInstance;
  readonly timeoutMs: number;

  constructor(options: MQAdminOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.instance = new ClientInstance(
      resolveClientConfig({ requestTimeoutMs: this.timeoutMs, ...options }, options.instanceName ?? `admin-${process.pid}-${Date.now()}`),
    );
  }

  get remoting(): RemotingClient {
    return this.instance.remoting;
  }

  get namesrv(): NamesrvClient {
    return this.instance.namesrv;
  }

  get namesrvAddrs(): readonly string[] {
    return this.instance.config.namesrvAddrs;
  }

  async close(): Promise<void> {
    await this.instance.shutdown();
  }

  // ---- cluster and brokers --------------------------------------------------------------------------------

  examineBrokerClusterInfo(): Promise<ClusterInfo> {
    return this.namesrv.getBrokerClusterInfo();
  }

  /** Addresses a target names: the broker itself, or every master of the cluster. */
  async targetAddrs(target: AdminTarget): Promise<string[]> {
    if ('brokerAddr' in target) return [target.brokerAddr];
    const addrs = masterAddrsOfCluster(await this.examineBrokerClusterInfo(), target.clusterName);
    if (addrs.length === 0) throw new MQClientError(`the cluster ${target.clusterName} has no master broker`);
    return addrs;
  }

  async brokerNameOfAddr(addr: string): Promise<string> {
    return brokerNameOfAddr(await this.examineBrokerClusterInfo(), addr);
  }

  async brokerNamesOfCluster(clusterName: string): Promise<string[]> {
    return brokerNamesOfCluster(await this.examineBrokerClusterInfo(), clusterName);
  }

  brokerRuntimeInfo(brokerAddr: string): Promise<Record<string, string>> {
    return broker.getBrokerRuntimeInfo(this.remoting, brokerAddr, this.timeoutMs);
  }

  getBrokerConfig(brokerAddr: string): Promise<broker.BrokerConfigSnapshot> {
    return broker.getBrokerConfig(this.remoting, brokerAddr, this.timeoutMs);
  }

  /** Updates the keys on one broker or every master of a cluster; returns the addresses updated. */
  async updateBrokerConfig(target: AdminTarget, properties: Record<string, string>): Promise<string[]> {
    const addrs = await this.targetAddrs(target);
    for (const addr of addrs) await broker.updateBrokerConfig(this.remoting, addr, properties, this.timeoutMs);
    return addrs;
  }

  // ---- topics ---------------------------------------------------------------------------------------------

  async fetchAllTopicList(): Promise<string[]> {
    return (await this.namesrv.getAllTopicList()).topicList;
  }

  async fetchTopicsByCluster(clusterName: string): Promise<string[]> {
    return (await this.namesrv.getTopicsByCluster(clusterName)).topicList;
  }

  /** The topic's route; TOPIC_NOT_EXIST as a ResponseCodeError when no nameserver knows it. */
  async examineTopicRouteInfo(topic: string): Promise<TopicRouteData> {
    const route = await this.namesrv.getTopicRouteInfo(topic);
    if (!route) throw new ResponseCodeError(ResponseCode.TOPIC_NOT_EXIST, `No topic route info in name server for the topic: ${topic}`);
    this.instance.routes.put(topic, route);
    return route;
  }

  /** Min / max offsets of every queue of the topic, from every broker of its route, sorted by queue. */
  async examineTopicStats(topic: string): Promise<TopicStatsTable> {
    const route = await this.examineTopicRouteInfo(topic);
    const result: TopicStatsTable = { offsetTable: [] };
    for (const data of route.brokerDatas) {
      const addr = data.brokerAddrs['0'];
      if (!addr) continue;
      const stats = await broker.getTopicStatsInfo(this.remoting, addr, topic, this.timeoutMs);
      result.offsetTable.push(...stats.offsetTable);
      if (stats.topicPutTps !== undefined) result.topicPutTps = (result.topicPutTps ?? 0) + stats.topicPutTps;
    }
    if (result.offsetTable.length === 0) throw new MQClientError(`Not found the topic stats info of ${topic}`);
    result.offsetTable.sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
    return result;
  }

  /**
   * Creates or updates a topic on a broker or every master of a cluster (mqadmin updateTopic). An ordered topic
   * also gets its ORDER_TOPIC_CONFIG entry (`brokerName:writeQueueNums[;...]`) on the nameservers. Returns the
   * broker addresses written.
   */
  async createOrUpdateTopic(config: TopicConfig, target: AdminTarget): Promise<{ addrs: string[]; orderConf?: string }> {
    const addrs = await this.targetAddrs(target);
    for (const addr of addrs) await broker.createOrUpdateTopic(this.remoting, addr, config, this.timeoutMs);
    if (!config.order) return { addrs };
    if ('brokerAddr' in target) {
      const orderConf = `${await this.brokerNameOfAddr(target.brokerAddr)}:${config.writeQueueNums}`;
      await this.createOrUpdateOrderConf(config.topicName, orderConf, false);
      return { addrs, orderConf };
    }
    const names = await this.brokerNamesOfCluster(target.clusterName);
    const orderConf = names.map((name) => `${name}:${config.writeQueueNums}`).join(';');
    await this.createOrUpdateOrderConf(config.topicName, orderConf, true);
    return { addrs, orderConf };
  }

  /** Java createOrUpdateOrderConf: a cluster replaces the entry, a single broker merges its part into it. */
  async createOrUpdateOrderConf(topic: string, orderConf: string, isCluster: boolean): Promise<void> {
    let value = orderConf;
    if (!isCluster) {
      const parts = new Map<string, string>();
      const old = await this.namesrv.getKvConfig(ORDER_TOPIC_CONFIG_NAMESPACE, topic).catch(() => undefined);
      for (const part of (old ?? '').split(';').filter(Boolean)) parts.set(part.split(':')[0], part);
      parts.set(orderConf.split(':')[0], orderConf);
      value = [...parts.values()].join(';');
    }
    await this.namesrv.putKvConfig(ORDER_TOPIC_CONFIG_NAMESPACE, topic, value);
  }

  /** Deletes a topic from every master of the cluster, then from every nameserver (mqadmin deleteTopic). */
  async deleteTopic(topic: string, clusterName: string): Promise<string[]> {
    const addrs = masterAddrsOfCluster(await this.examineBrokerClusterInfo(), clusterName);
    for (const addr of addrs) await broker.deleteTopicInBroker(this.remoting, addr, topic, this.timeoutMs);
    await this.namesrv.deleteTopicInNamesrv(topic);
    return addrs;
  }

  /** Clusters hosting a topic (mqadmin topicClusterList). */
  async topicClusterList(topic: string): Promise<string[]> {
    const [info, route] = await Promise.all([this.examineBrokerClusterInfo(), this.examineTopicRouteInfo(topic)]);
    const clusters = new Set<string>();
    for (const data of route.brokerDatas) {
      const cluster = clusterOfBrokerName(info, data.brokerName);
      if (cluster) clusters.add(cluster);
    }
    return [...clusters].sort();
  }

  /** Groups that consume the topic, from every broker of its route. */
  async queryTopicConsumeByWho(topic: string): Promise<string[]> {
    const route = await this.examineTopicRouteInfo(topic);
    const groups = new Set<string>();
    for (const data of route.brokerDatas) {
      const addr = selectBrokerAddr(data);
      if (addr) for (const group of await broker.queryTopicConsumeByWho(this.remoting, addr, topic, this.timeoutMs)) groups.add(group);
    }
    return [...groups].sort();
  }

  // ---- groups ---------------------------------------------------------------------------------------------

  async createOrUpdateSubscriptionGroup(config: SubscriptionGroupConfig, target: AdminTarget): Promise<string[]> {
    const addrs = await this.targetAddrs(target);
    for (const addr of addrs) await broker.createOrUpdateSubscriptionGroup(this.remoting, addr, config, this.timeoutMs);
    return addrs;
  }

  /**
   * Deletes a group's config (and with `removeOffset` its offsets). With a cluster target the group's %RETRY% and
   * %DLQ% topics are deleted cluster-wide too, as mqadmin deleteSubGroup -c does.
   */
  async deleteSubscriptionGroup(group: string, target: AdminTarget, removeOffset = false): Promise<string[]> {
    const addrs = await this.targetAddrs(target);
    for (const addr of addrs) await broker.deleteSubscriptionGroup(this.remoting, addr, group, removeOffset, this.timeoutMs);
    if ('clusterName' in target) {
      for (const topic of [retryTopicOf(group), `%DLQ%${group}`]) {
        await this.deleteTopic(topic, target.clusterName).catch(() => undefined);
      }
    }
    return addrs;
  }

  /** Every subscription group config of every master (name -> config; the first broker's copy wins). */
  async examineAllSubscriptionGroups(): Promise<Map<string, SubscriptionGroupConfig>> {
    const groups = new Map<string, SubscriptionGroupConfig>();
    for (const addr of allMasterAddrs(await this.examineBrokerClusterInfo())) {
      const wrapper = await broker.getAllSubscriptionGroupConfig(this.remoting, addr, this.timeoutMs);
      for (const [name, config] of Object.entries(wrapper.subscriptionGroupTable)) if (!groups.has(name)) groups.set(name, config);
    }
    return groups;
  }

  /** Offsets of the group on every broker of its %RETRY% route, merged (group-queries.ts). */
  examineConsumeStats(group: string, topic?: string): Promise<ConsumeStats> {
    return groups.examineConsumeStats(this, group, topic);
  }

  /** The group's online clients (group-queries.ts); CONSUMER_NOT_ONLINE when none. */
  examineConsumerConnectionInfo(group: string, brokerAddr?: string): Promise<ConsumerConnection> {
    return groups.examineConsumerConnectionInfo(this, group, brokerAddr);
  }

  examineProducerConnectionInfo(group: string, topic: string): Promise<ProducerConnection> {
    return groups.examineProducerConnectionInfo(this, group, topic);
  }

  getConsumerRunningInfo(group: string, clientId: string, jstack = false): Promise<ConsumerRunningInfo> {
    return groups.getConsumerRunningInfo(this, group, clientId, jstack);
  }

  consumeMessageDirectly(group: string, clientId: string, topic: string, msgId: string): Promise<ConsumeMessageDirectlyResult> {
    return groups.consumeMessageDirectly(this, group, clientId, topic, msgId);
  }

  // ---- queue offsets --------------------------------------------------------------------------------------

  maxOffset(mq: MessageQueue): Promise<number> {
    return queueOffsets.maxOffset(this.instance, mq);
  }

  minOffset(mq: MessageQueue): Promise<number> {
    return queueOffsets.minOffset(this.instance, mq);
  }

  searchOffset(mq: MessageQueue, timestamp: number): Promise<number> {
    return queueOffsets.searchOffset(this.instance, mq, timestamp);
  }

  earliestMsgStoreTime(mq: MessageQueue): Promise<number> {
    return queueOffsets.earliestMsgStoreTime(this.instance, mq);
  }

  // ---- nameserver -----------------------------------------------------------------------------------------

  async fetchSystemTopicList(): Promise<string[]> {
    return (await this.namesrv.getSystemTopicList()).topicList;
  }

  /** Takes the write permission of a broker's topics away on every nameserver (producers move elsewhere). */
  wipeWritePermOfBroker(brokerName: string): Promise<Record<string, number>> {
    return this.namesrv.wipeWritePermOfBroker(brokerName);
  }

  addWritePermOfBroker(brokerName: string): Promise<Record<string, number>> {
    return this.namesrv.addWritePermOfBroker(brokerName);
  }

  getNamesrvConfig(): Promise<Record<string, Record<string, string>>> {
    return this.namesrv.getNamesrvConfig();
  }

  updateNamesrvConfig(properties: Record<string, string>): Promise<void> {
    return this.namesrv.updateNamesrvConfig(properties);
  }

  // ---- nameserver KV --------------------------------------------------------------------------------------

  putKvConfig(namespace: string, key: string, value: string): Promise<void> {
    return this.namesrv.putKvConfig(namespace, key, value);
  }

  getKvConfig(namespace: string, key: string): Promise<string | undefined> {
    return this.namesrv.getKvConfig(namespace, key);
  }

  deleteKvConfig(namespace: string, key: string): Promise<void> {
    return this.namesrv.deleteKvConfig(namespace, key);
  }

  getKvListByNamespace(namespace: string): Promise<Record<string, string> | undefined> {
    return this.namesrv.getKvListByNamespace(namespace);
  }
}
