import { randomInt } from 'node:crypto';
import { javaStringHashCode } from '../../common/java-hash';
import type { MessageQueue } from '../message-queue';
import type { Message } from './message';

/**
 * Picks the queue of an ordered send (Java `MessageQueueSelector`): messages with the same `arg` land on the same
 * queue as long as the topic's queues do not change, so one queue keeps their order.
 */
export type MessageQueueSelector = (queues: readonly MessageQueue[], message: Message, arg: unknown) => MessageQueue;

/** Java's hashCode of a selector argument: String.hashCode for strings, the int value for integers. */
export function javaHashCode(arg: unknown): number {
  if (typeof arg === 'string') return javaStringHashCode(arg);
  if (typeof arg === 'number' && Number.isInteger(arg)) {
    // Integer.hashCode is the value; Long.hashCode folds the high word in.
    if (arg >= -0x80000000 && arg <= 0x7fffffff) return arg | 0;
    const high = Math.floor(arg / 2 ** 32);
    return (high ^ (arg >>> 0)) | 0;
  }
  if (typeof arg === 'boolean') return arg ? 1231 : 1237;
  return javaStringHashCode(JSON.stringify(arg) ?? String(arg));
}

/** SelectMessageQueueByHash: `|hash(arg) % n|`. */
export const selectMessageQueueByHash: MessageQueueSelector = (queues, _message, arg) => {
  const value = javaHashCode(arg) % queues.length;
  return queues[Math.abs(value)];
};

/** SelectMessageQueueByRandom. */
export const selectMessageQueueByRandom: MessageQueueSelector = (queues) => queues[randomInt(0, queues.length)];
