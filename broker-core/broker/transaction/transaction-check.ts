import { MessageConst } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { createOffsetMessageId } from '../../common/message/message-id';
import { PERM_READ, PERM_WRITE } from '../../protocol/bodies/topic-config';
import type { BrokerContext } from '../broker-context';
import { OP_REMOVE_TAG, renewedHalfMessage } from './transactional-messages';
import { commitCheckOffset, fetchCheckOffset, HALF_TOPIC, OP_TOPIC, pullTransactionQueue, type TransactionPull } from './transaction-queues';

/**
 * One check round over the half queues (spec/semantics.md §6 step 3, Java `TransactionalMessageServiceImpl#check`).
 *
 * Per half queue: read op records from the op offset into `removed` (half offset -> op offset; ops for offsets
 * below the half offset are simply `done`), then walk half messages from the half offset:
 *   - removed                                  skip (its op is done)
 *   - TRANSACTION_CHECK_TIMES ≥ transactionCheckMax, or born more than fileReservedTime hours ago
 *                                              discard (listener.resolveDiscard: TRANS_CHECK_MAX_TIME_TOPIC)
 *   - stored after this round began            stop (renewed copies of this round end the walk)
 *   - younger than its immunity time           stop, or with CHECK_IMMUNITY_TIME_IN_SECONDS re-append it with
 *                                              TRAN_PREPARED_QUEUE_OFFSET and go on
 *   - otherwise, once every op record has been read (or the newest op was born transactionTimeOut after the
 *     round began, or the clock went back): re-append a copy (check counter + 1) and ask the producer about the
 *     copy (listener.resolveHalf)
 * Then commit the new half offset and the op offset over the contiguous prefix of done op records. Each queue gets
 * at most MAX_PROCESS_TIME_MS; the check counter starts at 1, so a message is asked about transactionCheckMax times.
 */
const MAX_PROCESS_TIME_MS = 60_000;
const OP_PULL_BATCH = 32;
const MAX_RETRY_COUNT_WHEN_HALF_NULL = 1;

export interface TransactionCheckListener {
  /** Asks a producer of the half message's group about it (CHECK_TRANSACTION_STATE). */
  resolveHalf(half: MessageExt): void;
  /** Gives up on the half message. */
  resolveDiscard(half: MessageExt): Promise<void>;
}

export interface TransactionCheckLimits {
  transactionTimeOut: number;
  transactionCheckMax: number;
  fileReservedTime: number;
}

export async function checkTransactions(ctx: BrokerContext, limits: TransactionCheckLimits, listener: TransactionCheckListener): Promise<void> {
  const halfConfig = ctx.topics.selectTopicConfig(HALF_TOPIC) ?? ctx.topics.createTopicInSendMessageBackMethod(HALF_TOPIC, 1, PERM_READ | PERM_WRITE, 0);
  for (let queueId = 0; queueId < halfConfig.readQueueNums; queueId++) await checkHalfQueue(ctx, limits, listener, queueId);
}

class OpRecords {
  /** Half queue offset -> op queue offset of its op record. */
  readonly removed = new Map<number, number>();
  /** Op queue offsets whose records need no further look. */
  readonly done: number[] = [];

  constructor(
    private readonly ctx: BrokerContext,
    private readonly queueId: number,
    private readonly halfOffset: number,
  ) {}

  /** Java `fillOpRemoveMap`. */
  async read(from: number): Promise<TransactionPull> {
    const pull = await pullTransactionQueue(this.ctx, OP_TOPIC, this.queueId, from, OP_PULL_BATCH);
    if (pull.status === 'OFFSET_ILLEGAL' || pull.status === 'NO_MATCHED_MSG') commitCheckOffset(this.ctx, OP_TOPIC, this.queueId, pull.nextBeginOffset);
    for (const op of pull.messages ?? []) {
      if (op.tags !== OP_REMOVE_TAG) continue;
      const halfOffset = Number.parseInt(op.body.toString('ascii'), 10);
      if (!Number.isSafeInteger(halfOffset)) continue;
      if (halfOffset < this.halfOffset) this.done.push(op.queueOffset);
      else this.removed.set(halfOffset, op.queueOffset);
    }
    return pull;
  }

  /** Marks the half message at `halfOffset` done when an op record names it. */
  take(halfOffset: number): boolean {
    const opOffset = this.removed.get(halfOffset);
    if (opOffset === undefined) return false;
    this.removed.delete(halfOffset);
    this.done.push(opOffset);
    return true;
  }

  /** The op offset after the contiguous run of done records starting at `opOffset`. */
  nextOpOffset(opOffset: number): number {
    let next = opOffset;
    for (const offset of [...this.done].sort((a, b) => a - b)) {
      if (offset === next) next++;
      else if (offset > next) break;
    }
    return next;
  }
}

/** Bumps TRANSACTION_CHECK_TIMES in memory; true when the limit is already reached (Java `needDiscard`). */
function needDiscard(half: MessageExt, checkMax: number): boolean {
  const text = half.properties.get(MessageConst.TRANSACTION_CHECK_TIMES);
  let times = 1;
  if (text !== undefined) {
    times = Number.parseInt(text, 10);
    if (times >= checkMax) return true;
    times++;
  }
  half.properties.set(MessageConst.TRANSACTION_CHECK_TIMES, String(times));
  return false;
}

function immunityTimeOf(text: string, transactionTimeOut: number): number {
  const seconds = Number.parseInt(text, 10);
  if (seconds === -1 || Number.isNaN(seconds)) return transactionTimeOut;
  return seconds * 1000;
}

async function putBack(ctx: BrokerContext, half: MessageExt, immunityOffset?: number): Promise<MessageExt | undefined> {
  const result = await ctx.store.putMessage(renewedHalfMessage(half, immunityOffset));
  if (result.status !== 'PUT_OK' || !result.appendResult) return undefined;
  const { queueOffset, wroteOffset } = result.appendResult;
  return { ...half, queueOffset, commitLogOffset: wroteOffset, msgId: createOffsetMessageId(half.storeHost, wroteOffset) };
}

/** Java `checkPrepareQueueOffset`: true when the message needs no check this round. */
async function handleImmune(ctx: BrokerContext, ops: OpRecords, half: MessageExt): Promise<boolean> {
  const text = half.properties.get(MessageConst.TRANSACTION_PREPARED_QUEUE_OFFSET);
  if (text === undefined) return (await putBack(ctx, half, half.queueOffset)) !== undefined;
  const preparedOffset = Number.parseInt(text, 10);
  if (preparedOffset === -1) return false;
  if (ops.take(preparedOffset)) return true;
  return (await putBack(ctx, half, preparedOffset)) !== undefined;
}

async function checkHalfQueue(ctx: BrokerContext, limits: TransactionCheckLimits, listener: TransactionCheckListener, queueId: number): Promise<void> {
  const startTime = Date.now();
  const halfOffset = fetchCheckOffset(ctx, HALF_TOPIC, queueId);
  const opOffset = fetchCheckOffset(ctx, OP_TOPIC, queueId);
  if (halfOffset < 0 || opOffset < 0) return;
  const ops = new OpRecords(ctx, queueId, halfOffset);
  let opPull = await ops.read(opOffset);
  let nullCount = 1;
  let newOffset = halfOffset;
  let i = halfOffset;
  while (Date.now() - startTime <= MAX_PROCESS_TIME_MS) {
    if (!ops.take(i)) {
      const got = await pullTransactionQueue(ctx, HALF_TOPIC, queueId, i, 1);
      const half = got.messages?.[0];
      if (!half) {
        if (nullCount++ > MAX_RETRY_COUNT_WHEN_HALF_NULL || got.status === 'NO_NEW_MSG') break;
        i = got.nextBeginOffset;
        newOffset = i;
        continue;
      }
      const age = Date.now() - half.bornTimestamp;
      if (needDiscard(half, limits.transactionCheckMax) || age > limits.fileReservedTime * 3_600_000) {
        await listener.resolveDiscard(half);
        newOffset = ++i;
        continue;
      }
      if (half.storeTimestamp >= startTime) break;
      let immunity = limits.transactionTimeOut;
      const immunityText = half.properties.get(MessageConst.CHECK_IMMUNITY_TIME_IN_SECONDS);
      if (immunityText !== undefined) {
        immunity = immunityTimeOf(immunityText, limits.transactionTimeOut);
        if (age < immunity && (await handleImmune(ctx, ops, half))) {
          newOffset = ++i;
          continue;
        }
      } else if (age >= 0 && age < immunity) {
        break;
      }
      const opMessages = opPull.messages;
      const needCheck =
        (opMessages === undefined && age > immunity) ||
        (opMessages !== undefined && opMessages[opMessages.length - 1].bornTimestamp - startTime > limits.transactionTimeOut) ||
        age <= -1;
      if (!needCheck) {
        // Nothing more to learn from the op queue: leave the message for the next round.
        if (opMessages === undefined) break;
        opPull = await ops.read(opPull.nextBeginOffset);
        continue;
      }
      const renewed = await putBack(ctx, half);
      // Upstream retries the same offset until its time budget ends; a store that refuses now is retried next round.
      if (!renewed) break;
      listener.resolveHalf(renewed);
    }
    newOffset = ++i;
  }
  if (newOffset !== halfOffset) commitCheckOffset(ctx, HALF_TOPIC, queueId, newOffset);
  const newOpOffset = ops.nextOpOffset(opOffset);
  if (newOpOffset !== opOffset) commitCheckOffset(ctx, OP_TOPIC, queueId, newOpOffset);
}
