import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { getConsumeStats, invokeBrokerToResetOffset } from '../broker-admin';
import { getMaxOffset, searchOffset, updateConsumerOffset } from '../instance/broker-api';
import { compareMessageQueues, type MessageQueue } from '../message-queue';
import { selectBrokerAddr } from './cluster-lookup';
import type { MQAdmin } from './mq-admin';

/**
 * Resetting a group's offsets of a topic to a point in time (mqadmin resetOffsetByTime, spec/semantics.md §10.5).
 *
 *  1. INVOKE_BROKER_TO_RESET_OFFSET on every broker of the topic: the broker computes the offsets and pushes them to
 *     the online consumers (timestamp -1 = the max offset, i.e. skip everything).
 *  2. If a broker answers CONSUMER_NOT_ONLINE, upstream's fallback (`resetOffsetByTimestampOld`): per queue of the
 *     group's consume stats (or of the topic when the group never consumed it) compute the offset by timestamp and
 *     write it with UPDATE_CONSUMER_OFFSET when `force` or it is not ahead of the consumer's offset.
 */
export interface RollbackStats {
  brokerName: string;
  queueId: number;
  brokerOffset: number;
  consumerOffset: number;
  timestampOffset: number;
  rollbackOffset: number;
}

export type ResetOffsetResult =
  | { mode: 'online'; offsets: Array<{ messageQueue: MessageQueue; value: number }> }
  | { mode: 'offline'; rollback: RollbackStats[] };

export async function resetOffsetByTimestamp(
  admin: MQAdmin,
  topic: string,
  group: string,
  timestamp: number,
  force: boolean,
): Promise<Array<{ messageQueue: MessageQueue; value: number }>> {
  const route = await admin.examineTopicRouteInfo(topic);
  const offsets: Array<{ messageQueue: MessageQueue; value: number }> = [];
  for (const data of route.brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (!addr) continue;
    offsets.push(...(await invokeBrokerToResetOffset(admin.remoting, addr, topic, group, timestamp, force, admin.timeoutMs * 2)));
  }
  return offsets.sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
}

export async function resetOffsetByTimestampOld(
  admin: MQAdmin,
  group: string,
  topic: string,
  timestamp: number,
  force: boolean,
): Promise<RollbackStats[]> {
  const route = await admin.examineTopicRouteInfo(topic);
  const stats: RollbackStats[] = [];
  for (const data of route.brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (!addr) continue;
    const consumeStats = await getConsumeStats(admin.remoting, addr, group, undefined, admin.timeoutMs).catch((error: unknown) => {
      if (error instanceof ResponseCodeError) return { offsetTable: [], consumeTps: 0 };
      throw error;
    });
    const queues = consumeStats.offsetTable
      .filter((entry) => entry.messageQueue.topic === topic)
      .map((entry) => ({ mq: entry.messageQueue, brokerOffset: entry.value.brokerOffset, consumerOffset: entry.value.consumerOffset }));
    if (queues.length === 0) {
      // Never consumed here: every queue of the topic on this broker, from its min offset.
      const topicStats = await admin.examineTopicStats(topic);
      for (const entry of topicStats.offsetTable) {
        if (entry.messageQueue.brokerName !== data.brokerName) continue;
        queues.push({ mq: entry.messageQueue, brokerOffset: entry.value.maxOffset, consumerOffset: entry.value.minOffset });
      }
    }
    for (const queue of queues.sort((a, b) => compareMessageQueues(a.mq, b.mq))) {
      const timestampOffset =
        timestamp === -1
          ? await getMaxOffset(admin.remoting, addr, queue.mq, admin.timeoutMs)
          : await searchOffset(admin.remoting, addr, queue.mq, timestamp, admin.timeoutMs);
      const rollback: RollbackStats = {
        brokerName: queue.mq.brokerName,
        queueId: queue.mq.queueId,
        brokerOffset: queue.brokerOffset,
        consumerOffset: queue.consumerOffset,
        timestampOffset,
        rollbackOffset: queue.consumerOffset,
      };
      if (force || timestampOffset <= queue.consumerOffset) {
        rollback.rollbackOffset = timestampOffset;
        await updateConsumerOffset(admin.remoting, addr, group, queue.mq, timestampOffset, admin.timeoutMs);
      }
      stats.push(rollback);
    }
  }
  return stats;
}

/** The mqadmin flow: push to online consumers, fall back to writing offsets when the group is offline. */
export async function resetOffsetByTime(admin: MQAdmin, topic: string, group: string, timestamp: number, force: boolean): Promise<ResetOffsetResult> {
  try {
    return { mode: 'online', offsets: await resetOffsetByTimestamp(admin, topic, group, timestamp, force) };
  } catch (error) {
    if (!(error instanceof ResponseCodeError) || error.code !== ResponseCode.CONSUMER_NOT_ONLINE) throw error;
    return { mode: 'offline', rollback: await resetOffsetByTimestampOld(admin, group, topic, timestamp, force) };
  }
}
