import { defineHeader, type HeaderOf } from './define-header';

/**
 * Transaction requests (spec/remoting.md §11.1, semantics.md §6).
 * commitOrRollback uses the message sysflag transaction values: 0 unknown, 8 COMMIT, 12 ROLLBACK.
 */

/** END_TRANSACTION (37), oneway from the producer. */
export const EndTransactionRequestHeader = defineHeader({
  /** 5.x */
  topic: 'string',
  producerGroup: 'string!',
  /** Queue offset of the half message. */
  tranStateTableOffset: 'long!',
  /** Commit-log offset of the half message (from the send answer's offset message id). */
  commitLogOffset: 'long!',
  commitOrRollback: 'int!',
  fromTransactionCheck: 'boolean',
  msgId: 'string!',
  transactionId: 'string',
});
export type EndTransactionRequestHeader = HeaderOf<typeof EndTransactionRequestHeader>;

/** Values of commitOrRollback. */
export const TransactionState = { NOT_TYPE: 0x0, COMMIT: 0x8, ROLLBACK: 0xc } as const;

/** CHECK_TRANSACTION_STATE (39), broker -> producer, oneway; the body is the half message. */
export const CheckTransactionStateRequestHeader = defineHeader({
  /** 5.x */
  topic: 'string',
  tranStateTableOffset: 'long!',
  commitLogOffset: 'long!',
  msgId: 'string',
  transactionId: 'string',
  offsetMsgId: 'string',
});
export type CheckTransactionStateRequestHeader = HeaderOf<typeof CheckTransactionStateRequestHeader>;
