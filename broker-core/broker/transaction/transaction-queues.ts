import { SystemTopic, TRANS_CHECK_GROUP } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { BrokerContext } from '../broker-context';

/**
 * Reading the two transaction queues for the check service (Java `TransactionalMessageBridge`): progress is the
 * committed offset of group CID_RMQ_SYS_TRANS on RMQ_SYS_TRANS_HALF_TOPIC / RMQ_SYS_TRANS_OP_HALF_TOPIC (so it lives in
 * consumerOffset.json like any consumer's), defaulting to the queue's min offset. Reads map the store's statuses to
 * upstream's pull statuses:
 *
 *   FOUND                                              FOUND
 *   NO_MATCHED_MESSAGE                                 NO_MATCHED_MSG
 *   NO_MESSAGE_IN_QUEUE, OFFSET_OVERFLOW_ONE           NO_NEW_MSG
 *   anything else (removed, too small, overflow ...)   OFFSET_ILLEGAL
 */
export type TransactionPullStatus = 'FOUND' | 'NO_MATCHED_MSG' | 'NO_NEW_MSG' | 'OFFSET_ILLEGAL';

export interface TransactionPull {
  status: TransactionPullStatus;
  nextBeginOffset: number;
  /** Only when FOUND. */
  messages: MessageExt[] | undefined;
}

export function fetchCheckOffset(ctx: BrokerContext, topic: string, queueId: number): number {
  const committed = ctx.offsets.queryOffset(TRANS_CHECK_GROUP, topic, queueId);
  return committed === -1 ? ctx.store.getMinOffsetInQueue(topic, queueId) : committed;
}

export function commitCheckOffset(ctx: BrokerContext, topic: string, queueId: number, offset: number): void {
  ctx.offsets.commitOffset(TRANS_CHECK_GROUP, topic, queueId, offset);
}

export async function pullTransactionQueue(ctx: BrokerContext, topic: string, queueId: number, offset: number, maxNums: number): Promise<TransactionPull> {
  const result = await ctx.store.getMessage(TRANS_CHECK_GROUP, topic, queueId, offset, maxNums);
  switch (result.status) {
    case 'FOUND': {
      const messages = result.messages.map((record) => decodeStoredMessage(record));
      return { status: 'FOUND', nextBeginOffset: result.nextBeginOffset, messages };
    }
    case 'NO_MATCHED_MESSAGE':
      return { status: 'NO_MATCHED_MSG', nextBeginOffset: result.nextBeginOffset, messages: undefined };
    case 'NO_MESSAGE_IN_QUEUE':
    case 'OFFSET_OVERFLOW_ONE':
      return { status: 'NO_NEW_MSG', nextBeginOffset: result.nextBeginOffset, messages: undefined };
    default:
      return { status: 'OFFSET_ILLEGAL', nextBeginOffset: result.nextBeginOffset, messages: undefined };
  }
}

export const HALF_TOPIC = SystemTopic.TRANS_HALF_TOPIC;
export const OP_TOPIC = SystemTopic.TRANS_OP_HALF_TOPIC;
