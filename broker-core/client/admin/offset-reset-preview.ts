import { ResponseCodeError } from '../../remoting/remoting-error';
import { getConsumeStats } from '../broker-admin';
import { getMaxOffset, searchOffset } from '../instance/broker-api';
import { compareMessageQueues, type MessageQueue } from '../message-queue';
import { selectBrokerAddr } from './cluster-lookup';
import type { MQAdmin } from './mq-admin';

/**
 * What resetOffsetByTime (offset-reset.ts) would do, without doing it: per queue of the topic, the group's committed
 * offset now (GET_CONSUME_STATS) beside the offset the reset would move it to (SEARCH_OFFSET_BY_TIMESTAMP, or
 * GET_MAX_OFFSET for timestamp -1, "skip the backlog"). Read-only; one consume-stats request per broker of the
 * topic's route and one offset request per queue.
 */
export interface ResetOffsetPreview {
  messageQueue: MessageQueue;
  brokerOffset: number;
  /** The group's committed offset, -1 when it has none on this queue. */
  consumerOffset: number;
  /** Where the reset would put the group. */
  targetOffset: number;
}

export async function previewResetOffsetByTime(admin: MQAdmin, topic: string, group: string, timestamp: number): Promise<ResetOffsetPreview[]> {
  const route = await admin.examineTopicRouteInfo(topic);
  const rows: ResetOffsetPreview[] = [];
  for (const data of route.brokerDatas) {
    const addr = selectBrokerAddr(data);
    if (!addr) continue;
    const stats = await getConsumeStats(admin.remoting, addr, group, topic, admin.timeoutMs).catch((error: unknown) => {
      // A group the broker does not know has no offsets: every queue is listed with none.
      if (error instanceof ResponseCodeError) return { offsetTable: [], consumeTps: 0 };
      throw error;
    });
    const committed = new Map<number, { brokerOffset: number; consumerOffset: number }>();
    for (const entry of stats.offsetTable) {
      if (entry.messageQueue.topic === topic) committed.set(entry.messageQueue.queueId, entry.value);
    }
    const queueData = route.queueDatas.find((queue) => queue.brokerName === data.brokerName);
    const queueCount = Math.max(queueData?.writeQueueNums ?? 0, queueData?.readQueueNums ?? 0, ...[...committed.keys()].map((id) => id + 1));
    for (let queueId = 0; queueId < queueCount; queueId++) {
      const messageQueue: MessageQueue = { topic, brokerName: data.brokerName, queueId };
      const maxOffset = await getMaxOffset(admin.remoting, addr, messageQueue, admin.timeoutMs);
      const targetOffset = timestamp === -1 ? maxOffset : await searchOffset(admin.remoting, addr, messageQueue, timestamp, admin.timeoutMs);
      const known = committed.get(queueId);
      rows.push({ messageQueue, brokerOffset: known?.brokerOffset ?? maxOffset, consumerOffset: known ? known.consumerOffset : -1, targetOffset });
    }
  }
  return rows.sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
}
