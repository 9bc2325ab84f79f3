import { isWriteable } from '../../protocol/bodies/topic-config';
import { MASTER_BROKER_ID, type TopicRouteData } from '../../protocol/bodies/topic-route-data';
import type { MessageQueue } from '../message-queue';
import { RotatingIndex } from './rotating-index';

/**
 * The queues a producer may send a topic's messages to (spec/semantics.md §11, Java `TopicPublishInfo` and
 * `MQClientInstance.topicRouteData2TopicPublishInfo`):
 *  - ordered topic (route carries `orderTopicConf` "brokerA:4;brokerB:8"): queues 0..n-1 of each broker, in that order;
 *  - otherwise: for each QueueData sorted by broker name that is writable and whose broker has a master address,
 *    queues 0..writeQueueNums-1.
 * Selection rotates a shared index; on a retry it skips queues of the broker that just failed when it can.
 */
export class TopicPublishInfo {
  readonly index: RotatingIndex;

  constructor(
    readonly topic: string,
    readonly messageQueues: readonly MessageQueue[],
    readonly orderTopic: boolean,
    readonly route: TopicRouteData | undefined,
    index: RotatingIndex = new RotatingIndex(),
  ) {
    this.index = index;
  }

  static fromRoute(topic: string, route: TopicRouteData, index?: RotatingIndex): TopicPublishInfo {
    return new TopicPublishInfo(topic, publishQueuesOf(topic, route), Boolean(route.orderTopicConf), route, index);
  }

  ok(): boolean {
    return this.messageQueues.length > 0;
  }

  /** Next queue in rotation; with `lastBrokerName`, the next one on another broker if there is any. */
  selectOneMessageQueue(lastBrokerName?: string): MessageQueue {
    if (lastBrokerName !== undefined) {
      for (let i = 0; i < this.messageQueues.length; i++) {
        const mq = this.messageQueues[this.index.incrementAndGet() % this.messageQueues.length];
        if (mq.brokerName !== lastBrokerName) return mq;
      }
    }
    return this.messageQueues[this.index.incrementAndGet() % this.messageQueues.length];
  }

  /** Write queue count of a writable broker in the route, or -1 (Java `getQueueIdByBroker`). */
  writeQueueNumsOf(brokerName: string): number {
    const data = this.route?.queueDatas.find((queue) => queue.brokerName === brokerName && isWriteable(queue.perm));
    return data ? data.writeQueueNums : -1;
  }
}

export function publishQueuesOf(topic: string, route: TopicRouteData): MessageQueue[] {
  const queues: MessageQueue[] = [];
  if (route.orderTopicConf) {
    for (const entry of route.orderTopicConf.split(';')) {
      const [brokerName, count] = entry.split(':');
      const nums = Number(count);
      if (!brokerName || !Number.isInteger(nums)) throw new Error(`bad orderTopicConf entry '${entry}' of topic ${topic}`);
      for (let queueId = 0; queueId < nums; queueId++) queues.push({ topic, brokerName, queueId });
    }
    return queues;
  }
  const sorted = [...route.queueDatas].sort((a, b) => (a.brokerName < b.brokerName ? -1 : a.brokerName > b.brokerName ? 1 : 0));
  for (const queueData of sorted) {
    if (!isWriteable(queueData.perm)) continue;
    const broker = route.brokerDatas.find((data) => data.brokerName === queueData.brokerName);
    if (!broker || broker.brokerAddrs[String(MASTER_BROKER_ID)] === undefined) continue;
    for (let queueId = 0; queueId < queueData.writeQueueNums; queueId++) {
      queues.push({ topic, brokerName: queueData.brokerName, queueId });
    }
  }
  return queues;
}
