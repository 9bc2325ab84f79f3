import { createLogger } from '../../common/logger';
import type { MessageExt } from '../../common/message/message-ext';
import type { MessageModel } from '../../protocol/bodies/heartbeat-data';
import type { MessageQueue } from '../message-queue';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { runConsumeHooksAfter, runConsumeHooksBefore, type ConsumeMessageContext, type ConsumeMessageHook, type ConsumeReturnType } from './consume-message-hook';
import { CONSUME_TIMEOUT_MS, prepareForListener } from './listener-messages';
import type { ConsumerStats } from './consumer-stats';
import type { ProcessQueue } from './process-queue';

const log = createLogger('consumer');

/**
 * Concurrent consumption (Java `ConsumeMessageConcurrentlyService`, spec/semantics.md §5): pulled messages are cut
 * into batches of `batchMaxSize`, each handed to the listener; at most `consumeConcurrency` callbacks are in flight.
 *
 * Outcome of a batch:
 *   CONSUME_SUCCESS (or nothing returned)  messages up to `context.ackIndex` succeeded, the rest are retried
 *   RECONSUME_LATER (or the listener threw) every message is retried
 * A retried message goes back to the broker (CONSUMER_SEND_MSG_BACK with `context.delayLevelWhenNextConsume`, 0 =
 * broker's 3 + reconsumeTimes); when that fails, it stays cached and is consumed again locally after 5 s. In
 * BROADCASTING a failed message is dropped. The offset committed is the process queue's smallest offset still in
 * flight, so nothing unconsumed is ever skipped.
 */
export type ConsumeConcurrentlyStatus = 'CONSUME_SUCCESS' | 'RECONSUME_LATER';

export interface ConsumeConcurrentlyContext {
  readonly messageQueue: MessageQueue;
  /** Delay level of the retry (-1 = straight to the DLQ, 0 = broker decides). */
  delayLevelWhenNextConsume: number;
  /** On success, the index of the last message consumed successfully (default: all). */
  ackIndex: number;
}

export type MessageListenerConcurrently = (
  messages: MessageExt[],
  context: ConsumeConcurrentlyContext,
) => ConsumeConcurrentlyStatus | void | Promise<ConsumeConcurrentlyStatus | void>;

export interface ConsumeHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly listener: MessageListenerConcurrently;
  readonly stats: ConsumerStats;
  /** Around every callback (message tracing). */
  readonly hooks?: readonly ConsumeMessageHook[];
  /** Hands a failed message back; resolves false when neither the broker nor the retry-topic send took it. */
  sendMessageBack(message: MessageExt, delayLevel: number, mq: MessageQueue): Promise<boolean>;
  /** Commits the consumed offset in memory (increase only). */
  updateOffset(mq: MessageQueue, offset: number): void;
}

export const RESUBMIT_DELAY_MS = 5000;

export class ConsumeConcurrentlyService {
  readonly orderly = false;
  private readonly limiter: ConcurrencyLimiter;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly host: ConsumeHost,
    consumeConcurrency: number,
    private readonly batchMaxSize: number,
  ) {
    this.limiter = new ConcurrencyLimiter(consumeConcurrency);
  }

  /** Callbacks running or waiting for a slot. */
  get inFlight(): number {
    return this.limiter.running + this.limiter.queued;
  }

  submit(messages: readonly MessageExt[], pq: ProcessQueue, mq: MessageQueue): void {
    for (let i = 0; i < messages.length; i += this.batchMaxSize) {
      const batch = messages.slice(i, i + this.batchMaxSize);
      void this.limiter.run(() => this.consume(batch, pq, mq));
    }
  }

  /**
   * Stops resubmissions and waits for the callbacks in flight. Batches still waiting for a slot are not run: they
   * stay uncommitted and are delivered again after a restart or rebalance (at-least-once), so shutdown is quick.
   */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.limiter.idle();
  }

  private async consume(batch: MessageExt[], pq: ProcessQueue, mq: MessageQueue): Promise<void> {
    if (pq.dropped || this.stopped) return;
    const started = Date.now();
    prepareForListener(batch, this.host.group, started);
    const context: ConsumeConcurrentlyContext = { messageQueue: mq, delayLevelWhenNextConsume: 0, ackIndex: Number.MAX_SAFE_INTEGER };
    const hooks = this.host.hooks ?? [];
    const hookContext: ConsumeMessageContext = { consumerGroup: this.host.group, messageQueue: mq, messages: batch };
    if (hooks.length > 0) runConsumeHooksBefore(hooks, hookContext);
    let status: ConsumeConcurrentlyStatus;
    let returnType: ConsumeReturnType = 'SUCCESS';
    try {
      status = (await this.host.listener(batch, context)) ?? 'CONSUME_SUCCESS';
    } catch (error) {
      log.warn(`consumer ${this.host.group}: the listener failed on ${batch.length} message(s) of ${mq.topic}: ${(error as Error).message}`);
      status = 'RECONSUME_LATER';
      returnType = 'EXCEPTION';
    }
    if (hooks.length > 0) {
      if (returnType === 'SUCCESS' && Date.now() - started >= CONSUME_TIMEOUT_MS) returnType = 'TIME_OUT';
      else if (returnType === 'SUCCESS' && status === 'RECONSUME_LATER') returnType = 'FAILED';
      hookContext.status = status;
      hookContext.success = status === 'CONSUME_SUCCESS';
      hookContext.returnType = returnType;
      runConsumeHooksAfter(hooks, hookContext);
    }
    if (pq.dropped) {
      log.debug(`consumer ${this.host.group}: ${mq.topic}/${mq.brokerName}/${mq.queueId} was dropped while consuming; not committing`);
      return;
    }
    await this.processResult(status, context, batch, pq, mq, Date.now() - started);
  }

  private async processResult(
    status: ConsumeConcurrentlyStatus,
    context: ConsumeConcurrentlyContext,
    batch: MessageExt[],
    pq: ProcessQueue,
    mq: MessageQueue,
    rtMs: number,
  ): Promise<void> {
    const ackIndex = status === 'CONSUME_SUCCESS' ? Math.min(context.ackIndex, batch.length - 1) : -1;
    this.host.stats.consumed(mq.topic, ackIndex + 1, batch.length - ackIndex - 1, rtMs);
    const failedBack: MessageExt[] = [];
    for (let i = ackIndex + 1; i < batch.length; i++) {
      const message = batch[i];
      if (this.host.messageModel === 'BROADCASTING') {
        log.warn(`BROADCASTING, the message consume failed, drop it, ${message.uniqKey ?? message.msgId}`);
        continue;
      }
      if (!(await this.host.sendMessageBack(message, context.delayLevelWhenNextConsume, mq))) {
        message.reconsumeTimes += 1;
        failedBack.push(message);
      }
    }
    const done = failedBack.length === 0 ? batch : batch.filter((message) => !failedBack.includes(message));
    const offset = pq.removeMessages(done);
    if (offset >= 0 && !pq.dropped) this.host.updateOffset(mq, offset);
    if (failedBack.length > 0) this.resubmitLater(failedBack, pq, mq);
  }

  private resubmitLater(messages: MessageExt[], pq: ProcessQueue, mq: MessageQueue): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) this.submit(messages, pq, mq);
    }, RESUBMIT_DELAY_MS);
    timer.unref();
    this.timers.add(timer);
  }
}
