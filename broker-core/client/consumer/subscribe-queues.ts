import { isReadable } from '../../protocol/bodies/topic-config';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import type { MessageQueue } from '../message-queue';

/**
 * The queues a consumer may read (Java `topicRouteData2TopicSubscribeInfo`): queues 0..readQueueNums-1 of every
 * readable QueueData of the route, whatever the broker's master state (a slave can serve pulls).
 */
export function subscribeQueuesOf(topic: string, route: TopicRouteData): MessageQueue[] {
  const queues: MessageQueue[] = [];
  for (const queueData of route.queueDatas) {
    if (!isReadable(queueData.perm)) continue;
    for (let queueId = 0; queueId < queueData.readQueueNums; queueId++) queues.push({ topic, brokerName: queueData.brokerName, queueId });
  }
  return queues;
}
