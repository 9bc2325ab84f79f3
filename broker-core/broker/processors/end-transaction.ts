import { createLogger } from '../../common/logger';
import { MessageConst } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { EndTransactionRequestHeader, TransactionState } from '../../protocol/headers/transaction';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { Connection } from '../../remoting/connection';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import { committedMessage, opMessage } from '../transaction/transactional-messages';
import { putOutcome, recordStoredPut } from './put-result';

const log = createLogger('transaction');

/**
 * END_TRANSACTION (37), oneway from a producer (spec/remoting.md §11.1, semantics.md §6, Java `EndTransactionProcessor`).
 * Masters only. commitOrRollback 0 (unknown) does nothing: the check service asks again later. Otherwise the half
 * message is looked up by commitLogOffset and must match the request's producer group, queue offset and commit-log
 * offset. COMMIT stores it in its real topic and, once stored, writes the op record; ROLLBACK writes only the op
 * record. The answer is built as upstream does, but a oneway request never gets it on the wire.
 */
function checkHalfMatches(half: MessageExt, header: EndTransactionRequestHeader): void {
  if (half.properties.get(MessageConst.PRODUCER_GROUP) !== header.producerGroup) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'The producer group wrong');
  }
  if (half.queueOffset !== header.tranStateTableOffset) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'The transaction state table offset wrong');
  }
  if (half.commitLogOffset !== header.commitLogOffset) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'The commit log offset wrong');
  }
}

async function findHalf(ctx: BrokerContext, commitLogOffset: number): Promise<MessageExt> {
  const found = await ctx.store.lookMessageByOffset(commitLogOffset).catch(() => null);
  if (!found) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'Find prepared transaction message failed');
  return found.message;
}

/** Marks the half message done; a failed op write only means the check service may ask once more. */
export async function writeOpRecord(ctx: BrokerContext, half: MessageExt): Promise<boolean> {
  const result = await ctx.store.putMessage(opMessage(half.queueOffset, half.queueId, ctx.brokerAddr));
  if (result.status === 'PUT_OK') return true;
  log.warn(`writing the op record of half message ${half.msgId} failed: ${result.status} ${result.remark ?? ''}`);
  return false;
}

async function endTransaction(ctx: BrokerContext, request: RemotingCommand, connection: Connection): Promise<RemotingCommand | null> {
  const header = EndTransactionRequestHeader.decode(request.extFields);
  if (ctx.config.brokerRole === 'SLAVE') {
    log.warn(`message store is a slave, END_TRANSACTION from ${connection.remoteAddress} refused`);
    throw new ResponseCodeError(ResponseCode.SLAVE_NOT_AVAILABLE, 'Only the master can end transactions');
  }
  const kind = header.fromTransactionCheck ? 'check answer' : 'producer';
  if (header.commitOrRollback !== TransactionState.COMMIT && header.commitOrRollback !== TransactionState.ROLLBACK) {
    if (header.fromTransactionCheck || header.commitOrRollback !== TransactionState.NOT_TYPE) {
      log.info(`${kind} from ${connection.remoteAddress} leaves transaction ${header.transactionId ?? header.msgId} open (state ${header.commitOrRollback})${request.remark ? `: ${request.remark}` : ''}`);
    }
    return null;
  }
  const half = await findHalf(ctx, header.commitLogOffset);
  checkHalfMatches(half, header);
  if (header.commitOrRollback === TransactionState.ROLLBACK) {
    await writeOpRecord(ctx, half);
    return createResponse(request, ResponseCode.SUCCESS);
  }
  const committed = committedMessage(half);
  if (!committed) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `the half message ${half.msgId} has no REAL_TOPIC / REAL_QID`);
  const result = await ctx.store.putMessage(committed);
  const outcome = putOutcome(result);
  if (outcome.stored && result.appendResult) {
    recordStoredPut(ctx.stats, committed.topic, result.appendResult);
    await writeOpRecord(ctx, half);
    // Stored but not flushed / replicated in time still counts: the message is in the real topic.
    return createResponse(request, ResponseCode.SUCCESS);
  }
  return createResponse(request, outcome.code, { remark: outcome.remark });
}

export function endTransactionProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([[RequestCode.END_TRANSACTION, (request, connection) => endTransaction(ctx, request, connection)]]);
}
