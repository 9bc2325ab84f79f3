import { createLogger } from '../../common/logger';
import { MessageConst } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeOffsetMessageId } from '../../common/message/message-id';
import { CheckTransactionStateRequestHeader, EndTransactionRequestHeader } from '../../protocol/headers/transaction';
import { RequestCode } from '../../protocol/request-code';
import type { Connection } from '../../remoting/connection';
import { createRequest } from '../../remoting/remoting-command';
import { invokeOneway } from '../broker-request';
import { ClientErrorCode, MQClientError } from '../client-error';
import { traceEndTransaction } from '../trace/end-transaction-trace';
import { joinKeys, toOutgoingMessage, type Message } from './message';
import { Producer, type ProducerOptions } from './producer';
import type { SendResult } from './send-result';
import {
  normalizeState,
  transactionStateCode,
  type LocalTransactionState,
  type TransactionListener,
  type TransactionSendResult,
} from './transaction-types';

const log = createLogger('producer');

/**
 * A producer of transactional messages (Java `TransactionMQProducer`; spec/semantics.md §6, remoting.md §11.1):
 *
 *   1. send the message as a half message (TRAN_MSG=true, PGROUP=<group>, sysflag PREPARED; DELAY is dropped, as
 *      upstream ignores delay levels on transactional messages) with the normal sync retry policy;
 *   2. SEND_OK: run executeLocalTransaction; FLUSH_DISK_TIMEOUT / FLUSH_SLAVE_TIMEOUT / SLAVE_NOT_AVAILABLE: roll back;
 *   3. END_TRANSACTION, oneway, to the broker that stored the half message: commitLogOffset from the offsetMsgId,
 *      tranStateTableOffset = queue offset, msgId and transactionId = UNIQ_KEY, commitOrRollback 8 / 12 / 0.
 *
 * A transaction left UNKNOW is asked about later: the broker sends CHECK_TRANSACTION_STATE on this client's
 * connection; checkLocalTransaction's answer goes back as END_TRANSACTION with fromTransactionCheck=true on that
 * same connection. At most `checkRequestHoldMax` checks run at once (upstream's check queue, 2000); more are dropped
 * and the broker asks again at its next round.
 */
export interface TransactionProducerOptions extends ProducerOptions {
  transactionListener: TransactionListener;
  checkRequestHoldMax?: number;
}

export class TransactionProducer extends Producer {
  private readonly listener: TransactionListener;
  private readonly checkRequestHoldMax: number;
  private checksInFlight = 0;
  private closing = false;

  constructor(options: TransactionProducerOptions) {
    super(options);
    this.listener = options.transactionListener;
    this.checkRequestHoldMax = options.checkRequestHoldMax ?? 2000;
  }

  override async shutdown(): Promise<void> {
    this.closing = true;
    await super.shutdown();
  }

  /** Sends `message` as a half message, runs the local transaction and ends it; `arg` goes to the listener as is. */
  async sendMessageInTransaction(message: Message, arg?: unknown): Promise<TransactionSendResult> {
    const outgoing = toOutgoingMessage({ ...message, delayTimeLevel: undefined });
    outgoing.properties.set(MessageConst.TRANSACTION_PREPARED, 'true');
    outgoing.properties.set(MessageConst.PRODUCER_GROUP, this.group);
    let sendResult: SendResult;
    try {
      sendResult = await this.sendOutgoing(outgoing);
    } catch (error) {
      const code = error instanceof MQClientError ? error.responseCode : undefined;
      throw new MQClientError(`send message Exception: ${(error as Error).message}`, code, { cause: error });
    }
    let state: LocalTransactionState = 'UNKNOW';
    let localError: unknown;
    if (sendResult.sendStatus === 'SEND_OK') {
      try {
        state = normalizeState(await this.listener.executeLocalTransaction({ ...message, transactionId: sendResult.msgId }, arg));
      } catch (error) {
        localError = error;
        log.info(`executeLocalTransaction of ${sendResult.msgId} threw; the transaction stays open: ${(error as Error).message}`);
      }
    } else {
      state = 'ROLLBACK_MESSAGE';
    }
    try {
      await this.endTransaction(message, sendResult, state, localError);
    } catch (error) {
      log.warn(`END_TRANSACTION of ${sendResult.msgId} failed; the broker will check it back: ${(error as Error).message}`);
    }
    return { ...sendResult, localTransactionState: state };
  }

  private async endTransaction(message: Message, sendResult: SendResult, state: LocalTransactionState, localError: unknown): Promise<void> {
    const { commitLogOffset } = decodeOffsetMessageId(sendResult.offsetMsgId);
    const brokerAddr = this.instance.routes.findBrokerAddressInPublish(sendResult.messageQueue.brokerName);
    if (!brokerAddr) throw new MQClientError(`The broker[${sendResult.messageQueue.brokerName}] not exist`, ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION);
    const extFields = EndTransactionRequestHeader.encode({
      producerGroup: this.group,
      tranStateTableOffset: sendResult.queueOffset,
      commitLogOffset,
      commitOrRollback: transactionStateCode(state),
      fromTransactionCheck: false,
      msgId: sendResult.msgId,
      transactionId: sendResult.transactionId,
    });
    const remark = localError === undefined ? undefined : `executeLocalTransactionBranch exception: ${String(localError)}`;
    await invokeOneway(this.instance.remoting, brokerAddr, RequestCode.END_TRANSACTION, { extFields, remark });
    traceEndTransaction(this, {
      topic: message.topic,
      tags: message.tags,
      keys: joinKeys(message.keys),
      brokerAddr,
      msgId: sendResult.msgId,
      transactionId: sendResult.transactionId,
      transactionState: state,
      fromTransactionCheck: false,
    });
  }

  /** CHECK_TRANSACTION_STATE from a broker (client-request-processors.ts): answered in the background. */
  checkTransactionState(message: MessageExt, header: CheckTransactionStateRequestHeader, connection: Connection): void {
    if (this.closing) return;
    if (this.checksInFlight >= this.checkRequestHoldMax) {
      log.warn(`${this.checksInFlight} transaction checks pending; dropping the one for ${header.transactionId ?? message.msgId}`);
      return;
    }
    this.checksInFlight++;
    void this.answerCheck(message, header, connection).finally(() => this.checksInFlight--);
  }

  private async answerCheck(message: MessageExt, header: CheckTransactionStateRequestHeader, connection: Connection): Promise<void> {
    const uniqKey = message.properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX) ?? message.msgId;
    let state: LocalTransactionState = 'UNKNOW';
    let checkError: unknown;
    try {
      state = normalizeState(await this.listener.checkLocalTransaction({ ...message, transactionId: uniqKey }));
    } catch (error) {
      checkError = error;
      log.warn(`checkLocalTransaction of ${uniqKey} threw: ${(error as Error).message}`);
    }
    if (this.closing) return;
    const extFields = EndTransactionRequestHeader.encode({
      producerGroup: this.group,
      tranStateTableOffset: header.tranStateTableOffset,
      commitLogOffset: header.commitLogOffset,
      commitOrRollback: transactionStateCode(state),
      fromTransactionCheck: true,
      msgId: uniqKey,
      transactionId: header.transactionId,
    });
    const remark = checkError === undefined ? undefined : `checkLocalTransactionState Exception: ${String(checkError)}`;
    const request = createRequest(RequestCode.END_TRANSACTION, { extFields, remark });
    try {
      if (connection.closed) await this.instance.remoting.invokeOneway(connection.remoteAddress, request);
      else connection.invokeOneway(this.instance.remoting.prepareRequest(request));
      traceEndTransaction(this, {
        topic: message.topic,
        tags: message.tags,
        keys: message.keys,
        brokerAddr: connection.remoteAddress,
        msgId: uniqKey,
        transactionId: header.transactionId,
        transactionState: state,
        fromTransactionCheck: true,
      });
    } catch (error) {
      log.warn(`END_TRANSACTION (check answer) of ${uniqKey} to ${connection.remoteAddress} failed: ${(error as Error).message}`);
    }
  }
}
