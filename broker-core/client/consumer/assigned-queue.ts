import type { MessageExt } from '../../common/message/message-ext';
import type { MessageQueue } from '../message-queue';
import { ProcessQueue } from './process-queue';

/**
 * The state of one queue of a lite pull consumer (Java `AssignedMessageQueue` entry): where the next pull starts,
 * what was pulled but not yet polled, and the consumed offset that a commit stores (one past the last polled
 * message). A seek bumps `generation` so a pull already in flight is discarded when it lands.
 */
export class AssignedQueue {
  readonly processQueue = new ProcessQueue();
  /** Pulled batches waiting for poll(). */
  readonly ready: MessageExt[][] = [];
  /** Next offset to pull; -1 until computed. */
  pullOffset = -1;
  /** Next offset to consume (what commit stores); -1 until something was polled or seeked. */
  consumeOffset = -1;
  paused = false;
  generation = 0;
  /** Generation of the pull in flight, if any; a seek starts a new generation without waiting for it. */
  pullingGeneration: number | undefined;

  constructor(readonly mq: MessageQueue) {}

  get cachedCount(): number {
    return this.processQueue.count;
  }

  seek(offset: number): void {
    this.generation++;
    this.pullOffset = offset;
    this.consumeOffset = offset;
    this.ready.length = 0;
    this.processQueue.clear();
  }

  /** Takes the oldest pulled batch and moves the consume offset past it. */
  take(): MessageExt[] | undefined {
    const batch = this.ready.shift();
    if (!batch || batch.length === 0) return batch;
    this.processQueue.removeMessages(batch);
    this.consumeOffset = batch[batch.length - 1].queueOffset + 1;
    return batch;
  }
}
