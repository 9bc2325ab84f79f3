import { allMasterAddrs } from '../../../broker-core/client/admin/cluster-lookup';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { getAllSubscriptionGroupConfig, getBrokerConsumeStats, getConsumerConnectionList } from '../../../broker-core/client/broker-admin';
import type { ConsumeStats } from '../../../broker-core/protocol/bodies/consume-stats';
import type { ConsumerConnection } from '../../../broker-core/protocol/bodies/consumer-connection';
import { versionDescription } from '../../../broker-core/protocol/mq-version';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import { isSystemGroup, type GroupSummary } from '../../validations/group';
import { asResponseCodeError } from '../error-kinds';
import { mapLimited } from '../map-limited';
import { worstLag, type UnconsumedStoreTimes } from './unconsumed-store-time';

/**
 * Every subscription group of a cluster with its clients and progress, asked in a fixed number of round trips
 * rather than a few per group (rocketmq-dashboard's list is slow with many groups because it asks per group):
 *
 *   per master: GET_ALL_SUBSCRIPTIONGROUP_CONFIG (names) and GET_BROKER_CONSUME_STATS (offsets and TPS of all groups)
 *   per group and master: GET_CONSUMER_CONNECTION_LIST (clients), CONNECTION_CONCURRENCY at a time
 *   per lagging queue whose consumer offset moved: one pull for the lag in time (UnconsumedStoreTimes)
 */
const CONNECTION_CONCURRENCY = 16;
const LAG_CONCURRENCY = 8;

interface GroupProgress {
  diffTotal: number;
  consumeTps: number;
  stats: ConsumeStats[];
}

export async function fetchGroupSummaries(admin: MQAdmin, storeTimes: UnconsumedStoreTimes, now = Date.now()): Promise<GroupSummary[]> {
  const masters = allMasterAddrs(await admin.examineBrokerClusterInfo());
  const [configs, brokerStats] = await Promise.all([
    Promise.all(masters.map((addr) => getAllSubscriptionGroupConfig(admin.remoting, addr, admin.timeoutMs))),
    Promise.all(masters.map((addr) => getBrokerConsumeStats(admin.remoting, addr, false, admin.timeoutMs * 2))),
  ]);
  const progress = new Map<string, GroupProgress>();
  for (const wrapper of configs) for (const name of Object.keys(wrapper.subscriptionGroupTable)) progressOf(progress, name);
  for (const list of brokerStats) {
    for (const entry of list.consumeStatsList) {
      for (const [group, perTopic] of Object.entries(entry)) {
        const target = progressOf(progress, group);
        for (const stats of perTopic) {
          target.stats.push(stats);
          target.consumeTps += stats.consumeTps;
          for (const { value } of stats.offsetTable) target.diffTotal += value.brokerOffset - value.consumerOffset;
        }
      }
    }
  }
  const groups = [...progress.keys()].sort();
  const connections = await mapLimited(groups, CONNECTION_CONCURRENCY, (group) => onlineConnection(admin, masters, group));
  const lags = await mapLimited(groups, LAG_CONCURRENCY, (group) => groupLagSeconds(admin, storeTimes, progress.get(group)!, now));
  return groups.map((group, index) => {
    const groupProgress = progress.get(group)!;
    const connection = connections[index];
    const first = connection?.connectionSet[0];
    return {
      group,
      clientCount: connection?.connectionSet.length ?? 0,
      version: first ? versionDescription(first.version) : undefined,
      consumeType: connection?.consumeType,
      messageModel: connection?.messageModel,
      consumeTps: groupProgress.consumeTps,
      diffTotal: groupProgress.diffTotal,
      lagSeconds: lags[index],
      system: isSystemGroup(group),
    };
  });
}

function progressOf(progress: Map<string, GroupProgress>, group: string): GroupProgress {
  let entry = progress.get(group);
  if (!entry) {
    entry = { diffTotal: 0, consumeTps: 0, stats: [] };
    progress.set(group, entry);
  }
  return entry;
}

/** The group's clients as the brokers see them, merged; undefined when no broker has one (not online). */
export async function onlineConnection(admin: MQAdmin, brokerAddrs: readonly string[], group: string): Promise<ConsumerConnection | undefined> {
  let merged: ConsumerConnection | undefined;
  for (const addr of brokerAddrs) {
    let connection: ConsumerConnection;
    try {
      connection = await getConsumerConnectionList(admin.remoting, addr, group, admin.timeoutMs);
    } catch (error) {
      if (asResponseCodeError(error)?.code === ResponseCode.CONSUMER_NOT_ONLINE) continue;
      throw error;
    }
    if (!merged) {
      merged = connection;
      continue;
    }
    for (const client of connection.connectionSet) {
      if (!merged.connectionSet.some((known) => known.clientId === client.clientId)) merged.connectionSet.push(client);
    }
    Object.assign(merged.subscriptionTable, connection.subscriptionTable);
  }
  return merged && merged.connectionSet.length > 0 ? merged : undefined;
}

async function groupLagSeconds(admin: MQAdmin, storeTimes: UnconsumedStoreTimes, progress: GroupProgress, now: number): Promise<number | null> {
  if (progress.diffTotal <= 0) return null;
  const lags: Array<number | null> = [];
  for (const stats of progress.stats) {
    for (const { messageQueue, value } of stats.offsetTable) {
      if (value.brokerOffset <= value.consumerOffset) continue;
      lags.push(await storeTimes.queueLagSeconds(admin, messageQueue, value.consumerOffset, value.brokerOffset, now).catch(() => null));
    }
  }
  return worstLag(lags);
}
