import type { MessageExt } from '../../common/message/message-ext';
import { TransactionState } from '../../protocol/headers/transaction';
import type { Message } from './message';
import type { SendResult } from './send-result';

/**
 * The application's side of a transactional send (Java `TransactionListener`, `LocalTransactionState`,
 * `TransactionSendResult`; spec/semantics.md §6). Upstream's spelling `UNKNOW` is kept on purpose.
 */
export type LocalTransactionState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

/** The message handed to executeLocalTransaction: as sent, plus its transaction id (its UNIQ_KEY). */
export type TransactionMessage = Message & { readonly transactionId: string };

/** The half message the broker asks about: as stored, with its real topic and queue, plus its transaction id. */
export type TransactionCheckMessage = MessageExt & { readonly transactionId: string };

export interface TransactionListener {
  /** Runs the local transaction once the half message is stored. A throw or no answer counts as UNKNOW. */
  executeLocalTransaction(message: TransactionMessage, arg: unknown): LocalTransactionState | Promise<LocalTransactionState>;
  /** The broker asks about a transaction still open after transactionTimeOut. A throw counts as UNKNOW. */
  checkLocalTransaction(message: TransactionCheckMessage): LocalTransactionState | Promise<LocalTransactionState>;
}

export interface TransactionSendResult extends SendResult {
  localTransactionState: LocalTransactionState;
}

/** END_TRANSACTION's commitOrRollback: the message sysflag transaction value of the state. */
export function transactionStateCode(state: LocalTransactionState): number {
  switch (state) {
    case 'COMMIT_MESSAGE':
      return TransactionState.COMMIT;
    case 'ROLLBACK_MESSAGE':
      return TransactionState.ROLLBACK;
    default:
      return TransactionState.NOT_TYPE;
  }
}

/** A listener's answer, with anything but the two decisions (undefined, a typo from JavaScript) read as UNKNOW. */
export function normalizeState(value: unknown): LocalTransactionState {
  return value === 'COMMIT_MESSAGE' || value === 'ROLLBACK_MESSAGE' ? value : 'UNKNOW';
}
