import { retryTopicOf } from '../../common/message/message-const';
import { decodeOffsetMessageId } from '../../common/message/message-id';
import type { ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import type { ConsumeStats } from '../../protocol/bodies/consume-stats';
import type { ConsumerConnection, ProducerConnection } from '../../protocol/bodies/consumer-connection';
import type { ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import * as broker from '../broker-admin';
import { MQClientError } from '../client-error';
import { compareMessageQueues } from '../message-queue';
import { selectBrokerAddr } from './cluster-lookup';
import type { MQAdmin } from './mq-admin';

/**
 * Group-wide look-ups behind MQAdmin (Java DefaultMQAdminExtImpl): a consumer group is found on the brokers of its
 * %RETRY% topic's route, a producer group on those of a topic it sends to; answers of several brokers are merged.
 */

/**
 * Offsets of the group on every broker of its %RETRY% route (Java examineConsumeStats), merged and sorted.
 * CONSUMER_NOT_ONLINE when no broker reports any queue.
 */
export async function examineConsumeStats(admin: MQAdmin, group: string, topic?: string): Promise<ConsumeStats> {
  const route = await admin.examineTopicRouteInfo(retryTopicOf(group));
  const result: ConsumeStats = { offsetTable: [], consumeTps: 0 };
  for (const data of route.brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (!addr) continue;
    const stats = await broker.getConsumeStats(admin.remoting, addr, group, topic, admin.timeoutMs * 3);
    result.offsetTable.push(...stats.offsetTable);
    result.consumeTps += stats.consumeTps;
  }
  if (result.offsetTable.length === 0) {
    throw new ResponseCodeError(
      ResponseCode.CONSUMER_NOT_ONLINE,
      'Not found the consumer group consume stats, because return offset table is empty, maybe the consumer not consume any message',
    );
  }
  result.offsetTable.sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
  return result;
}

/** The group's online clients (merged from every broker of its %RETRY% route); CONSUMER_NOT_ONLINE when none. */
export async function examineConsumerConnectionInfo(admin: MQAdmin, group: string, brokerAddr?: string): Promise<ConsumerConnection> {
  const addrs = brokerAddr ? [brokerAddr] : (await admin.examineTopicRouteInfo(retryTopicOf(group))).brokerDatas.map(selectBrokerAddr);
  let merged: ConsumerConnection | undefined;
  for (const addr of addrs) {
    if (!addr) continue;
    const connection = await broker.getConsumerConnectionList(admin.remoting, addr, group, admin.timeoutMs).catch((error: unknown) => {
      if (error instanceof ResponseCodeError && error.code === ResponseCode.CONSUMER_NOT_ONLINE) return undefined;
      throw error;
    });
    if (!connection) continue;
    if (!merged) merged = connection;
    else {
      for (const client of connection.connectionSet) {
        if (!merged.connectionSet.some((known) => known.clientId === client.clientId)) merged.connectionSet.push(client);
      }
      Object.assign(merged.subscriptionTable, connection.subscriptionTable);
    }
  }
  if (!merged || merged.connectionSet.length === 0) {
    throw new ResponseCodeError(ResponseCode.CONSUMER_NOT_ONLINE, 'Not found the consumer group connection');
  }
  return merged;
}

/** The producer group's clients on the brokers of `topic`'s route. */
export async function examineProducerConnectionInfo(admin: MQAdmin, group: string, topic: string): Promise<ProducerConnection> {
  const route = await admin.examineTopicRouteInfo(topic);
  const merged: ProducerConnection = { connectionSet: [] };
  for (const data of route.brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (!addr) continue;
    const connection = await broker.getProducerConnectionList(admin.remoting, addr, group, admin.timeoutMs).catch(() => undefined);
    for (const client of connection?.connectionSet ?? []) {
      if (!merged.connectionSet.some((known) => known.clientId === client.clientId)) merged.connectionSet.push(client);
    }
  }
  if (merged.connectionSet.length === 0) throw new MQClientError('Not found the producer group connection');
  return merged;
}

/** Asks a consumer (through a broker of its group's route) for its running info. */
export async function getConsumerRunningInfo(admin: MQAdmin, group: string, clientId: string, jstack = false): Promise<ConsumerRunningInfo> {
  for (const data of (await admin.examineTopicRouteInfo(retryTopicOf(group))).brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (addr) return broker.getConsumerRunningInfo(admin.remoting, addr, group, clientId, jstack, admin.timeoutMs * 3);
  }
  throw new MQClientError(`no broker serves the group ${group}`);
}

/** Has consumer `clientId` of `group` consume the message `msgId` (an offset id) once, without retry or commit. */
export async function consumeMessageDirectly(admin: MQAdmin, group: string, clientId: string, topic: string, msgId: string): Promise<ConsumeMessageDirectlyResult> {
  const { storeHost } = decodeOffsetMessageId(msgId);
  return broker.consumeMessageDirectly(admin.remoting, storeHost, group, clientId, msgId, { topic }, admin.timeoutMs * 3);
}
