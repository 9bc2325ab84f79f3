import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { previewResetOffsetByTime } from '../../../broker-core/client/admin/offset-reset-preview';
import { getConsumeStats } from '../../../broker-core/client/broker-admin';
import type { Producer } from '../../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { MASTER_BROKER_ID } from '../../../broker-core/protocol/bodies/topic-route-data';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import { ResponseCodeError } from '../../../broker-core/remoting/remoting-error';
import type { MessageSend, SendResultBody } from '../../validations/message-send';
import type { TopicForm, TopicList, TopicListQuery } from '../../validations/topic';
import type { ResetPreview, TopicConfigList, TopicConsumers, TopicMutation, TopicRoute, TopicStatus, TopicTargets } from '../../validations/topic-detail';
import { mapLimited } from '../map-limited';
import { TopicCatalogCache } from './topic-catalog';
import { pageTopics } from './topic-page';

/**
 * The Topics page's operations over one registry cluster's MQAdmin (all through broker-core, over the wire):
 * the paged list from the cached catalog, create / update / delete (mqadmin updateTopic / deleteTopic), status,
 * route, config per broker, consuming groups with their lag, send, and the offset reset's preview (the reset itself
 * is the consumer service's resetOffset).
 */
export interface TopicServiceDeps {
  admin(clusterId: string): MQAdmin;
  producer(clusterId: string): Promise<Producer>;
  catalog: TopicCatalogCache;
}

/** Answered 404 by api-response.ts (matched by name, see error-kinds.ts). */
export class TopicNotFoundError extends Error {
  constructor(topic: string) {
    super(`topic ${topic} does not exist in this cluster`);
    this.name = 'NotFoundError';
  }
}

export class TopicService {
  constructor(private readonly deps: TopicServiceDeps) {}

  async list(clusterId: string, query: TopicListQuery): Promise<TopicList> {
    const catalog = await this.deps.catalog.get(clusterId, this.deps.admin(clusterId));
    return pageTopics(clusterId, catalog.rows, query, catalog.fetchedAt);
  }

  async targets(clusterId: string): Promise<TopicTargets> {
    const info = await this.deps.admin(clusterId).examineBrokerClusterInfo();
    const clusters = Object.entries(info.clusterAddrTable)
      .map(([clusterName, brokerNames]) => ({
        clusterName,
        brokerNames: [...brokerNames].filter((name) => info.brokerAddrTable[name]?.brokerAddrs[String(MASTER_BROKER_ID)]).sort(),
      }))
      .sort((a, b) => a.clusterName.localeCompare(b.clusterName));
    return { clusters };
  }

  /** Writes the config to every master of the chosen clusters and to the chosen brokers' masters. */
  async createOrUpdate(form: TopicForm): Promise<TopicMutation> {
    const admin = this.deps.admin(form.cluster);
    const info = await admin.examineBrokerClusterInfo();
    const config = newTopicConfig(form.topicName, { readQueueNums: form.readQueueNums, writeQueueNums: form.writeQueueNums, perm: form.perm, order: form.order });
    const brokerAddrs: string[] = [];
    let orderConf: string | undefined;
    for (const clusterName of form.clusterNames) {
      const result = await admin.createOrUpdateTopic(config, { clusterName });
      brokerAddrs.push(...result.addrs);
      orderConf = result.orderConf ?? orderConf;
    }
    for (const brokerName of form.brokerNames) {
      const brokerAddr = info.brokerAddrTable[brokerName]?.brokerAddrs[String(MASTER_BROKER_ID)];
      if (!brokerAddr) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `broker ${brokerName} has no master in this cluster`);
      if (brokerAddrs.includes(brokerAddr)) continue;
      const result = await admin.createOrUpdateTopic(config, { brokerAddr });
      brokerAddrs.push(...result.addrs);
      orderConf = result.orderConf ?? orderConf;
    }
    this.deps.catalog.invalidate(form.cluster);
    return { topic: form.topicName, brokerAddrs, orderConf };
  }

  /** Deletes the topic from every master of the given RocketMQ clusters (default: every cluster hosting it). */
  async delete(clusterId: string, topic: string, clusterNames: string[]): Promise<TopicMutation> {
    const admin = this.deps.admin(clusterId);
    const targets = clusterNames.length > 0 ? clusterNames : await admin.topicClusterList(topic);
    if (targets.length === 0) throw new TopicNotFoundError(topic);
    const brokerAddrs: string[] = [];
    for (const clusterName of targets) brokerAddrs.push(...(await admin.deleteTopic(topic, clusterName)));
    this.deps.catalog.invalidate(clusterId);
    return { topic, brokerAddrs };
  }

  async status(clusterId: string, topic: string): Promise<TopicStatus> {
    const stats = await this.deps.admin(clusterId).examineTopicStats(topic);
    return {
      topic,
      queues: stats.offsetTable.map(({ messageQueue, value }) => ({ brokerName: messageQueue.brokerName, queueId: messageQueue.queueId, ...value })),
      fetchedAt: Date.now(),
    };
  }

  async route(clusterId: string, topic: string): Promise<TopicRoute> {
    const route = await this.deps.admin(clusterId).examineTopicRouteInfo(topic);
    return {
      topic,
      brokers: route.brokerDatas
        .map((data) => ({
          cluster: data.cluster,
          brokerName: data.brokerName,
          addrs: Object.entries(data.brokerAddrs)
            .map(([id, address]) => ({ brokerId: Number(id), address }))
            .sort((a, b) => a.brokerId - b.brokerId),
        }))
        .sort((a, b) => a.brokerName.localeCompare(b.brokerName)),
      queues: route.queueDatas.map((queue) => ({ ...queue })).sort((a, b) => a.brokerName.localeCompare(b.brokerName)),
      ...(route.orderTopicConf ? { orderTopicConf: route.orderTopicConf } : {}),
    };
  }

  /** The topic's config on each master holding it (from GET_ALL_TOPIC_CONFIG, which every broker version answers). */
  async config(clusterId: string, topic: string): Promise<TopicConfigList> {
    const catalog = await this.deps.catalog.get(clusterId, this.deps.admin(clusterId));
    const held = catalog.configs.get(topic);
    if (!held && !catalog.rows.some((row) => row.name === topic)) throw new TopicNotFoundError(topic);
    const brokers: TopicConfigList['brokers'] = (held ?? []).map(({ brokerName, address, config }) => ({
      brokerName,
      brokerAddr: address,
      config: {
        readQueueNums: config.readQueueNums,
        writeQueueNums: config.writeQueueNums,
        perm: config.perm,
        order: config.order,
        topicFilterType: config.topicFilterType,
        topicSysFlag: config.topicSysFlag,
        ...(config.attributes ? { attributes: config.attributes } : {}),
      },
    }));
    for (const error of catalog.brokerErrors) {
      const brokerName = Object.values(catalog.clusterInfo.brokerAddrTable).find((data) => Object.values(data.brokerAddrs).includes(error.address))?.brokerName ?? error.address;
      brokers.push({ brokerName, brokerAddr: error.address, error: error.message });
    }
    return { topic, clusterNames: [...new Set((held ?? []).map((entry) => entry.cluster))].sort(), brokers };
  }

  /** Groups consuming the topic (QUERY_TOPIC_CONSUME_BY_WHO) with their lag on it (GET_CONSUME_STATS per broker). */
  async consumers(clusterId: string, topic: string): Promise<TopicConsumers> {
    const admin = this.deps.admin(clusterId);
    const route = await admin.examineTopicRouteInfo(topic);
    const groups = await admin.queryTopicConsumeByWho(topic);
    const addrs = route.brokerDatas.map((data) => data.brokerAddrs[String(MASTER_BROKER_ID)]).filter((addr): addr is string => Boolean(addr));
    const rows = await mapLimited(groups, 8, async (group) => {
      let lag = 0;
      let consumeTps = 0;
      let lastConsumeTimestamp = 0;
      let queues = 0;
      try {
        for (const addr of addrs) {
          const stats = await getConsumeStats(admin.remoting, addr, group, topic, admin.timeoutMs);
          consumeTps += stats.consumeTps;
          for (const { messageQueue, value } of stats.offsetTable) {
            if (messageQueue.topic !== topic) continue;
            queues += 1;
            lag += Math.max(0, value.brokerOffset - value.consumerOffset);
            lastConsumeTimestamp = Math.max(lastConsumeTimestamp, value.lastTimestamp);
          }
        }
        return { group, lag, consumeTps, lastConsumeTimestamp, queues };
      } catch (error) {
        return { group, lag, consumeTps, lastConsumeTimestamp, queues, error: error instanceof Error ? error.message : String(error) };
      }
    });
    return { topic, groups: rows, fetchedAt: Date.now() };
  }

  async send(clusterId: string, topic: string, message: MessageSend): Promise<SendResultBody> {
    const producer = await this.deps.producer(clusterId);
    const result = await producer.send({
      topic,
      body: message.body,
      ...(message.tags ? { tags: message.tags } : {}),
      ...(message.keys ? { keys: message.keys.split(/\s+/).filter(Boolean) } : {}),
      ...(message.properties.length > 0 ? { properties: Object.fromEntries(message.properties.map((property) => [property.name, property.value])) } : {}),
      ...(message.delayLevel > 0 ? { delayTimeLevel: message.delayLevel } : {}),
    });
    return {
      sendStatus: result.sendStatus,
      msgId: result.msgId,
      offsetMsgId: result.offsetMsgId,
      brokerName: result.messageQueue.brokerName,
      queueId: result.messageQueue.queueId,
      queueOffset: result.queueOffset,
      regionId: result.regionId,
    };
  }

  async resetPreview(clusterId: string, topic: string, group: string, timestamp: number): Promise<ResetPreview> {
    const rows = await previewResetOffsetByTime(this.deps.admin(clusterId), topic, group, timestamp);
    return {
      topic,
      group,
      timestamp,
      rows: rows.map((row) => ({ brokerName: row.messageQueue.brokerName, queueId: row.messageQueue.queueId, brokerOffset: row.brokerOffset, consumerOffset: row.consumerOffset, targetOffset: row.targetOffset })),
    };
  }
}
