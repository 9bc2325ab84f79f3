import { compareMessageQueues, type MessageQueue } from '../protocol/bodies/message-queue';

/**
 * Client-side helpers over the protocol's MessageQueue (protocol/bodies/message-queue.ts): the map key, Java's
 * toString (hashed by the consistent-hash allocation) and sorting.
 */
export {
  compareMessageQueues,
  decodeMessageQueue,
  decodeMessageQueueKey,
  messageQueueId as messageQueueKey,
  messageQueueToJson,
  type MessageQueue,
} from '../protocol/bodies/message-queue';

export function sameMessageQueue(a: MessageQueue, b: MessageQueue): boolean {
  return a.topic === b.topic && a.brokerName === b.brokerName && a.queueId === b.queueId;
}

/** Java `MessageQueue.toString()`, which the consistent-hash strategy hashes: keep it byte-identical. */
export function messageQueueToString(mq: MessageQueue): string {
  return `MessageQueue [topic=${mq.topic}, brokerName=${mq.brokerName}, queueId=${mq.queueId}]`;
}

export function sortMessageQueues(queues: Iterable<MessageQueue>): MessageQueue[] {
  return [...queues].sort(compareMessageQueues);
}
