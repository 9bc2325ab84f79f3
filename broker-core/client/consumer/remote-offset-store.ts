import { createLogger } from '../../common/logger';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { messageQueueKey, type MessageQueue } from '../message-queue';
import { OFFSET_NOT_FOUND, OFFSET_UNAVAILABLE, OffsetTable, type OffsetStore, type ReadOffsetType } from './offset-store';

const log = createLogger('offset-store');

/** What the remote store needs from the broker: QUERY_CONSUMER_OFFSET and UPDATE_CONSUMER_OFFSET of one group. */
export interface ConsumerOffsetBroker {
  /** The committed offset; throws ResponseCodeError(QUERY_NOT_FOUND) when the group has none for the queue. */
  queryConsumerOffset(mq: MessageQueue): Promise<number>;
  /** Commit to the queue's master (any broker of the name when the master is away); oneway or awaiting the answer. */
  updateConsumerOffset(mq: MessageQueue, offset: number, oneway: boolean): Promise<void>;
}

/** Offsets of a clustering consumer, kept by the broker (Java `RemoteBrokerOffsetStore`). */
export class RemoteOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();

  constructor(private readonly broker: ConsumerOffsetBroker) {}

  async load(): Promise<void> {}

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  async readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number> {
    if (type !== 'store') {
      const cached = this.table.get(mq);
      if (cached !== undefined) return cached;
      if (type === 'memory') return OFFSET_NOT_FOUND;
    }
    try {
      const offset = await this.broker.queryConsumerOffset(mq);
      this.table.update(mq, offset, false);
      return offset;
    } catch (error) {
      if (error instanceof ResponseCodeError && error.code === ResponseCode.QUERY_NOT_FOUND) return OFFSET_NOT_FOUND;
      log.warn(`cannot read the offset of ${messageQueueKey(mq)} from the broker: ${(error as Error).message}`);
      return OFFSET_UNAVAILABLE;
    }
  }

  async persistAll(queues: readonly MessageQueue[], awaitAnswer = false): Promise<void> {
    const keep = new Set(queues.map(messageQueueKey));
    const writes: Array<Promise<void>> = [];
    for (const { mq, offset } of this.table.entries()) {
      if (keep.has(messageQueueKey(mq))) writes.push(this.commit(mq, offset, !awaitAnswer));
      else this.table.delete(mq);
    }
    await Promise.all(writes);
  }

  /** Commits one queue and waits for the broker's answer (a queue leaving this consumer, a reset). */
  async persist(mq: MessageQueue): Promise<void> {
    const offset = this.table.get(mq);
    if (offset !== undefined) await this.commit(mq, offset, false);
  }

  removeOffset(mq: MessageQueue): void {
    this.table.delete(mq);
  }

  cloneOffsetTable(topic?: string) {
    return this.table.clone(topic);
  }

  private async commit(mq: MessageQueue, offset: number, oneway: boolean): Promise<void> {
    try {
      await this.broker.updateConsumerOffset(mq, offset, oneway);
    } catch (error) {
      log.warn(`cannot commit offset ${offset} of ${messageQueueKey(mq)}: ${(error as Error).message}`);
    }
  }
}
