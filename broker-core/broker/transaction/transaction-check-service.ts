import { createLogger } from '../../common/logger';
import { MessageConst, SystemTopic } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { PERM_READ, PERM_WRITE } from '../../protocol/bodies/topic-config';
import { CheckTransactionStateRequestHeader } from '../../protocol/headers/transaction';
import { RequestCode } from '../../protocol/request-code';
import { createRequest } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import { sendOneway } from '../client/client-notifier';
import { checkTransactions, type TransactionCheckListener } from './transaction-check';
import { checkMaxTimeMessage, checkRequestBody, TRANS_CHECK_MAX_TIME_QUEUE_NUMS } from './transactional-messages';

const log = createLogger('transaction');

/**
 * The check-back of open transactions (Java `TransactionalMessageCheckService` + `DefaultTransactionalMessageCheckListener`),
 * masters only: sleep transactionCheckInterval, run one round (transaction-check.ts) with transactionTimeOut and
 * transactionCheckMax, repeat. All three are read from the live config at each round, so UPDATE_BROKER_CONFIG applies
 * at the next one.
 *
 * Asking: CHECK_TRANSACTION_STATE, oneway, to one live connection of the half message's PGROUP (round-robin over the
 * group's connections); header offsets are those of the renewed copy, the body is that copy with its real topic and
 * queue. No producer online: logged, asked again next round. Giving up: the message is copied to
 * TRANS_CHECK_MAX_TIME_TOPIC (created on first use, 1 queue, RW), as 4.6.0+ does.
 */
export class TransactionCheckService implements TransactionCheckListener {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly ctx: BrokerContext) {}

  start(): void {
    this.stopped = false;
    this.scheduleNext();
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round now (also what the timer runs). */
  async checkNow(): Promise<void> {
    const { config } = this.ctx;
    const limits = { transactionTimeOut: config.transactionTimeOut, transactionCheckMax: config.transactionCheckMax, fileReservedTime: config.fileReservedTime };
    try {
      await checkTransactions(this.ctx, limits, this);
    } catch (error) {
      log.warn('transaction check round failed', error);
    }
  }

  resolveHalf(half: MessageExt): void {
    const group = half.properties.get(MessageConst.PRODUCER_GROUP);
    const connection = group === undefined ? undefined : this.ctx.producers.getAvailableChannel(group);
    if (!connection) {
      log.warn(`no producer of group ${group ?? '(none)'} online to check transaction ${half.uniqKey ?? half.msgId}; asking again next round`);
      return;
    }
    const uniqKey = half.properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    const extFields = CheckTransactionStateRequestHeader.encode({
      tranStateTableOffset: half.queueOffset,
      commitLogOffset: half.commitLogOffset,
      msgId: uniqKey,
      transactionId: uniqKey,
      offsetMsgId: half.msgId,
    });
    sendOneway(connection, createRequest(RequestCode.CHECK_TRANSACTION_STATE, { extFields, body: checkRequestBody(half) }));
  }

  async resolveDiscard(half: MessageExt): Promise<void> {
    log.warn(`transaction ${half.uniqKey ?? half.msgId} of group ${half.properties.get(MessageConst.PRODUCER_GROUP) ?? '(none)'} checked too often or too old: moved to ${SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC}`);
    this.ctx.topics.createTopicInSendMessageBackMethod(SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC, TRANS_CHECK_MAX_TIME_QUEUE_NUMS, PERM_READ | PERM_WRITE, 0);
    const result = await this.ctx.store.putMessage(checkMaxTimeMessage(half));
    if (result.status !== 'PUT_OK') log.warn(`moving half message ${half.msgId} aside failed: ${result.status} ${result.remark ?? ''}`);
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.checkNow().finally(() => {
        this.running = undefined;
        this.scheduleNext();
      });
    }, this.ctx.config.transactionCheckInterval);
    this.timer.unref();
  }
}
