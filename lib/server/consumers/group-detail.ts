import { allMasterAddrs } from '../../../broker-core/client/admin/cluster-lookup';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { getConsumeStats, getConsumerRunningInfo } from '../../../broker-core/client/broker-admin';
import type { SubscriptionData } from '../../../broker-core/filter/tag-filter';
import type { ConsumeStats } from '../../../broker-core/protocol/bodies/consume-stats';
import type { ConsumerRunningInfo } from '../../../broker-core/protocol/bodies/consumer-running-info';
import { versionDescription } from '../../../broker-core/protocol/mq-version';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import type { ClientRunningInfo, GroupDetail, QueueLag, Subscription, TopicLag } from '../../validations/group';
import { asResponseCodeError } from '../error-kinds';
import { mapLimited, withTimeout } from '../map-limited';
import { onlineConnection } from './group-summaries';
import { worstLag, type UnconsumedStoreTimes } from './unconsumed-store-time';

/**
 * One group's page (rocketmq-dashboard's "consume detail" and "client" dialogs in one answer): offsets and lag per
 * queue from every master (GET_CONSUME_STATS, so a group whose %RETRY% topic is gone still shows its offsets), the
 * online clients (GET_CONSUMER_CONNECTION_LIST), which client holds which queue (each client's running info, given
 * RUNNING_INFO_TIMEOUT_MS: a client that does not answer leaves its queues unassigned, not the page waiting), and the
 * lag in seconds per queue.
 */
export const RUNNING_INFO_TIMEOUT_MS = 3000;

export async function fetchGroupDetail(admin: MQAdmin, storeTimes: UnconsumedStoreTimes, group: string, now = Date.now()): Promise<GroupDetail> {
  const masters = allMasterAddrs(await admin.examineBrokerClusterInfo());
  const [perBroker, connection] = await Promise.all([
    Promise.all(masters.map((addr) => getConsumeStats(admin.remoting, addr, group, undefined, admin.timeoutMs).catch(emptyWhenNotOnline))),
    onlineConnection(admin, masters, group),
  ]);
  const clients = connection?.connectionSet ?? [];
  const holders = await queueHolders(admin, masters, group, clients.map((client) => client.clientId));
  const entries = perBroker.flatMap((stats) => stats.offsetTable);
  const queues: QueueLag[] = await mapLimited(entries, 8, async ({ messageQueue, value }) => ({
    topic: messageQueue.topic,
    brokerName: messageQueue.brokerName,
    queueId: messageQueue.queueId,
    brokerOffset: value.brokerOffset,
    consumerOffset: value.consumerOffset,
    diff: value.brokerOffset - value.consumerOffset,
    lastTimestamp: value.lastTimestamp,
    clientId: holders.get(queueKey(messageQueue)),
    lagSeconds: await storeTimes.queueLagSeconds(admin, messageQueue, value.consumerOffset, value.brokerOffset, now).catch(() => null),
  }));
  queues.sort((a, b) => compare(a.topic, b.topic) || compare(a.brokerName, b.brokerName) || a.queueId - b.queueId);
  return {
    group,
    fetchedAt: now,
    online: clients.length > 0,
    consumeType: connection?.consumeType,
    messageModel: connection?.messageModel,
    consumeFromWhere: connection?.consumeFromWhere,
    consumeTps: perBroker.reduce((sum, stats) => sum + stats.consumeTps, 0),
    diffTotal: queues.reduce((sum, queue) => sum + queue.diff, 0),
    lagSeconds: worstLag(queues.map((queue) => queue.lagSeconds)),
    topics: topicLags(queues),
    queues,
    clients: clients.map((client) => ({ clientId: client.clientId, clientAddr: client.clientAddr, language: client.language, version: versionDescription(client.version) })),
    subscriptions: Object.values(connection?.subscriptionTable ?? {}).map(subscriptionView).sort((a, b) => compare(a.topic, b.topic)),
  };
}

/** GET_CONSUMER_RUNNING_INFO of one client, asked through the masters until one knows the client. */
export async function fetchClientRunningInfo(admin: MQAdmin, group: string, clientId: string, jstack: boolean): Promise<ClientRunningInfo> {
  const info = await runningInfo(admin, allMasterAddrs(await admin.examineBrokerClusterInfo()), group, clientId, jstack, admin.timeoutMs * 2);
  return {
    clientId,
    properties: Object.entries(info.properties)
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => compare(a.name, b.name)),
    subscriptions: info.subscriptionSet.map(subscriptionView).sort((a, b) => compare(a.topic, b.topic)),
    queues: info.mqTable
      .map(({ messageQueue, value }) => ({
        topic: messageQueue.topic,
        brokerName: messageQueue.brokerName,
        queueId: messageQueue.queueId,
        commitOffset: value.commitOffset,
        cachedMsgCount: value.cachedMsgCount,
        cachedMsgSizeInMiB: value.cachedMsgSizeInMiB,
        lastPullTimestamp: value.lastPullTimestamp,
        lastConsumeTimestamp: value.lastConsumeTimestamp,
        locked: value.locked,
        dropped: value.droped,
      }))
      .sort((a, b) => compare(a.topic, b.topic) || compare(a.brokerName, b.brokerName) || a.queueId - b.queueId),
    status: Object.entries(info.statusTable)
      .map(([topic, status]) => ({ topic, ...status }))
      .sort((a, b) => compare(a.topic, b.topic)),
    ...(info.jstack ? { jstack: info.jstack } : {}),
  };
}

async function runningInfo(admin: MQAdmin, masters: readonly string[], group: string, clientId: string, jstack: boolean, timeoutMs: number): Promise<ConsumerRunningInfo> {
  let lastError: unknown = new Error(`no master broker knows the client ${clientId} of ${group}`);
  for (const addr of masters) {
    try {
      return await getConsumerRunningInfo(admin.remoting, addr, group, clientId, jstack, timeoutMs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Queue -> client id, from each online client's running info (clients that do not answer in time are skipped). */
async function queueHolders(admin: MQAdmin, masters: readonly string[], group: string, clientIds: readonly string[]): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  const infos = await mapLimited(clientIds, 8, (clientId) =>
    withTimeout(runningInfo(admin, masters, group, clientId, false, RUNNING_INFO_TIMEOUT_MS), RUNNING_INFO_TIMEOUT_MS, 'running info timed out').catch(() => undefined),
  );
  infos.forEach((info, index) => {
    for (const { messageQueue } of info?.mqTable ?? []) holders.set(queueKey(messageQueue), clientIds[index]);
  });
  return holders;
}

function emptyWhenNotOnline(error: unknown): ConsumeStats {
  // A broker where the group has no offsets answers CONSUMER_NOT_ONLINE / no topic: nothing to show from it.
  const code = asResponseCodeError(error)?.code;
  if (code === ResponseCode.CONSUMER_NOT_ONLINE || code === ResponseCode.TOPIC_NOT_EXIST || code === ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST) return { offsetTable: [], consumeTps: 0 };
  throw error;
}

function topicLags(queues: readonly QueueLag[]): TopicLag[] {
  const topics = new Map<string, QueueLag[]>();
  for (const queue of queues) topics.set(queue.topic, [...(topics.get(queue.topic) ?? []), queue]);
  return [...topics].map(([topic, list]) => ({
    topic,
    diff: list.reduce((sum, queue) => sum + queue.diff, 0),
    lastTimestamp: Math.max(0, ...list.map((queue) => queue.lastTimestamp)),
    lagSeconds: worstLag(list.map((queue) => queue.lagSeconds)),
  }));
}

function subscriptionView(data: SubscriptionData): Subscription {
  return { topic: data.topic, expressionType: data.expressionType ?? 'TAG', subString: data.subString, tags: [...data.tagsSet] };
}

function queueKey(mq: { topic: string; brokerName: string; queueId: number }): string {
  return `${mq.topic}\u0000${mq.brokerName}\u0000${mq.queueId}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
