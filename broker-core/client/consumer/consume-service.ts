import type { MessageExt } from '../../common/message/message-ext';
import type { MessageQueue } from '../message-queue';
import type { ProcessQueue } from './process-queue';

/**
 * What the pull loop (push-pull-service.ts) hands pulled messages to: the concurrent service
 * (consume-concurrently.ts) or the orderly one (consume-orderly.ts). `orderly` changes how the loop pulls: only
 * while the queue is locked, without the offset-span flow control.
 */
export interface ConsumeService {
  readonly orderly: boolean;
  /** The messages were just put into `pq`. */
  submit(messages: readonly MessageExt[], pq: ProcessQueue, mq: MessageQueue): void;
  /** Stops and waits for the callbacks in flight. */
  shutdown(): Promise<void>;
}
