import { createLogger } from '../../common/logger';
import type { MessageExt } from '../../common/message/message-ext';
import type { MessageModel } from '../../protocol/bodies/heartbeat-data';
import { PeriodicTask } from '../instance/periodic-task';
import { messageQueueKey, type MessageQueue } from '../message-queue';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { runConsumeHooksAfter, runConsumeHooksBefore, type ConsumeMessageContext, type ConsumeMessageHook, type ConsumeReturnType } from './consume-message-hook';
import type { ConsumerStats } from './consumer-stats';
import { CONSUME_TIMEOUT_MS, prepareForListener } from './listener-messages';
import type { ProcessQueue } from './process-queue';
import type { QueueLocks } from './queue-locks';

const log = createLogger('consumer');

/**
 * Orderly consumption (Java `ConsumeMessageOrderlyService`, spec/semantics.md §5 and §10.6).
 *
 * One queue is consumed by at most one callback at a time, in queue-offset order: a "run" per queue takes the
 * oldest `batchMaxSize` cached messages, hands them to the listener, and goes on until the cache is empty, the queue
 * is dropped, its lock is lost, or it has run `maxTimeConsumeContinuouslyMs` (then it yields and is rescheduled).
 * Runs of one queue are chained, so they never overlap; runs of different queues share `consumeConcurrency` slots.
 * In CLUSTERING a run starts only while the queue's broker lock is held and younger than lockMaxLiveTime; otherwise
 * it re-locks later (100 ms, then 10 ms after success / 3 s after failure). All locks are renewed every lockInterval.
 *
 * Outcomes (autoCommit = true, the default):
 *   SUCCESS (or nothing returned)     commit: the offset after the batch is stored
 *   SUSPEND_CURRENT_QUEUE_A_MOMENT    the same messages go back in front and are retried after
 *   (or the listener threw)           context.suspendCurrentQueueTimeMillis (default 1000 ms, clamped to 10..30000)
 *   COMMIT / ROLLBACK                 treated as SUCCESS (they only mean something with autoCommit = false)
 * With autoCommit = false: SUCCESS keeps the batch uncommitted, COMMIT commits everything taken so far, ROLLBACK puts
 * it all back and suspends. A message retried maxReconsumeTimes times (default Integer.MAX_VALUE) is sent to
 * %RETRY%<group> with that count so the broker moves it to the DLQ; if that send fails it is retried in place.
 *
 * Commit rule: the result of a callback that finished is committed even when its queue was meanwhile dropped by a
 * rebalance (the queue's lock is still ours until the rebalance has committed and unlocked it, see push-consumer.ts);
 * a reset clears the process queue, so a callback in flight then commits nothing.
 */
export type ConsumeOrderlyStatus = 'SUCCESS' | 'SUSPEND_CURRENT_QUEUE_A_MOMENT' | 'COMMIT' | 'ROLLBACK';

export interface ConsumeOrderlyContext {
  readonly messageQueue: MessageQueue;
  autoCommit: boolean;
  /** -1: the consumer's suspendCurrentQueueTimeMillis. */
  suspendCurrentQueueTimeMillis: number;
}

export type MessageListenerOrderly = (
  messages: MessageExt[],
  context: ConsumeOrderlyContext,
) => ConsumeOrderlyStatus | void | Promise<ConsumeOrderlyStatus | void>;

export interface OrderlySettings {
  batchMaxSize: number;
  consumeConcurrency: number;
  suspendCurrentQueueTimeMillis: number;
  maxTimeConsumeContinuouslyMs: number;
  lockIntervalMs: number;
  lockMaxLiveTimeMs: number;
}

export const DEFAULT_ORDERLY_SETTINGS: Omit<OrderlySettings, 'batchMaxSize' | 'consumeConcurrency'> = {
  suspendCurrentQueueTimeMillis: 1000,
  maxTimeConsumeContinuouslyMs: 60_000,
  lockIntervalMs: 20_000,
  lockMaxLiveTimeMs: 30_000,
};

export interface OrderlyHost {
  readonly group: string;
  readonly messageModel: MessageModel;
  readonly listener: MessageListenerOrderly;
  readonly stats: ConsumerStats;
  readonly hooks: readonly ConsumeMessageHook[];
  readonly maxReconsumeTimes: number;
  /** CLUSTERING only. */
  readonly locks: QueueLocks | undefined;
  /** Sends a message past maxReconsumeTimes to %RETRY%<group> (the broker DLQs it); false when the send failed. */
  sendToRetryTopic(message: MessageExt): Promise<boolean>;
  /** Stores the consumed offset in memory. */
  updateOffset(mq: MessageQueue, offset: number): void;
}

export class ConsumeOrderlyService {
  readonly orderly = true;
  private readonly limiter: ConcurrencyLimiter;
  private readonly chains = new Map<ProcessQueue, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lockTask: PeriodicTask | undefined;
  private stopped = false;

  constructor(
    private readonly host: OrderlyHost,
    private readonly settings: OrderlySettings,
  ) {
    this.limiter = new ConcurrencyLimiter(settings.consumeConcurrency);
    if (host.locks) {
      const locks = host.locks;
      this.lockTask = new PeriodicTask('lock all message queues', settings.lockIntervalMs, () => locks.lockAll());
      this.lockTask.start(Math.min(1000, settings.lockIntervalMs));
    }
  }

  /** Pulled messages were cached: start a run unless one is scheduled or running (Java dispatchToConsume). */
  submit(_messages: readonly MessageExt[], pq: ProcessQueue, mq: MessageQueue): void {
    if (pq.consumingRun) return;
    pq.consumingRun = true;
    this.schedule(pq, mq);
  }

  /** Resolves true once no run of `pq` is scheduled or running, false after `timeoutMs`. */
  async waitIdle(pq: ProcessQueue, timeoutMs: number): Promise<boolean> {
    const chain = this.chains.get(pq);
    if (!chain) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([chain.then(() => true as const), timeout]);
    clearTimeout(timer);
    return done;
  }

  /** Stops lock renewal and rescheduling, and waits for the runs in flight (each ends after its current callback). */
  async shutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.lockTask?.stop();
    await Promise.all([...this.chains.values()]);
  }

  private schedule(pq: ProcessQueue, mq: MessageQueue): void {
    if (this.stopped) return;
    const previous = this.chains.get(pq) ?? Promise.resolve();
    const next = previous
      .then(() => this.limiter.run(() => this.run(pq, mq)))
      .catch((error: unknown) => log.error(`orderly run of ${messageQueueKey(mq)} failed`, error))
      .finally(() => {
        if (this.chains.get(pq) === next) this.chains.delete(pq);
      });
    this.chains.set(pq, next);
  }

  private later(delayMs: number, action: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) action();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private submitLater(pq: ProcessQueue, mq: MessageQueue, suspendMs: number): void {
    const delay = suspendMs === -1 ? this.settings.suspendCurrentQueueTimeMillis : suspendMs;
    this.later(Math.min(30_000, Math.max(10, delay)), () => this.schedule(pq, mq));
  }

  private tryLockLaterAndReconsume(pq: ProcessQueue, mq: MessageQueue, delayMs: number): void {
    this.later(delayMs, () => {
      void (this.host.locks?.lock(mq, pq) ?? Promise.resolve(true)).then((ok) => this.submitLater(pq, mq, ok ? 10 : 3000));
    });
  }

  private lockUsable(pq: ProcessQueue): boolean {
    if (this.host.messageModel !== 'CLUSTERING') return true;
    return pq.locked && !pq.isLockExpired(this.settings.lockMaxLiveTimeMs);
  }

  private async run(pq: ProcessQueue, mq: MessageQueue): Promise<void> {
    if (pq.dropped || this.stopped) return;
    if (!this.lockUsable(pq)) {
      this.tryLockLaterAndReconsume(pq, mq, 100);
      return;
    }
    const began = Date.now();
    for (;;) {
      if (pq.dropped || this.stopped) return;
      if (!this.lockUsable(pq)) {
        this.tryLockLaterAndReconsume(pq, mq, 10);
        return;
      }
      if (Date.now() - began > this.settings.maxTimeConsumeContinuouslyMs) {
        this.submitLater(pq, mq, 10);
        return;
      }
      const batch = pq.takeMessages(this.settings.batchMaxSize);
      if (batch.length === 0) return;
      if (!(await this.consumeBatch(batch, pq, mq))) return;
    }
  }

  /** One callback and its outcome; false ends the run. */
  private async consumeBatch(batch: MessageExt[], pq: ProcessQueue, mq: MessageQueue): Promise<boolean> {
    const started = Date.now();
    prepareForListener(batch, this.host.group, started);
    const context: ConsumeOrderlyContext = { messageQueue: mq, autoCommit: true, suspendCurrentQueueTimeMillis: -1 };
    const hookContext: ConsumeMessageContext = { consumerGroup: this.host.group, messageQueue: mq, messages: batch };
    runConsumeHooksBefore(this.host.hooks, hookContext);
    let status: ConsumeOrderlyStatus;
    let returnType: ConsumeReturnType = 'SUCCESS';
    try {
      status = (await this.host.listener(batch, context)) ?? 'SUCCESS';
    } catch (error) {
      log.warn(`consumer ${this.host.group}: the orderly listener failed on ${messageQueueKey(mq)}: ${(error as Error).message}`);
      status = 'SUSPEND_CURRENT_QUEUE_A_MOMENT';
      returnType = 'EXCEPTION';
    }
    const rtMs = Date.now() - started;
    if (returnType === 'SUCCESS') {
      if (rtMs >= CONSUME_TIMEOUT_MS) returnType = 'TIME_OUT';
      else if (status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT' || status === 'ROLLBACK') returnType = 'FAILED';
    }
    hookContext.status = status;
    hookContext.success = status === 'SUCCESS' || status === 'COMMIT';
    hookContext.returnType = returnType;
    runConsumeHooksAfter(this.host.hooks, hookContext);
    return this.processResult(batch, status, context, pq, mq, rtMs);
  }

  private async processResult(
    batch: MessageExt[],
    status: ConsumeOrderlyStatus,
    context: ConsumeOrderlyContext,
    pq: ProcessQueue,
    mq: MessageQueue,
    rtMs: number,
  ): Promise<boolean> {
    let commitOffset = -1;
    let continueConsume = true;
    const suspended = status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT' || (!context.autoCommit && status === 'ROLLBACK');
    this.host.stats.consumed(mq.topic, suspended ? 0 : batch.length, suspended ? batch.length : 0, rtMs);
    if (context.autoCommit) {
      if (status === 'COMMIT' || status === 'ROLLBACK') {
        log.warn(`the message queue consume result is illegal, we think you want to ack these message ${messageQueueKey(mq)}`);
      }
      if (status !== 'SUSPEND_CURRENT_QUEUE_A_MOMENT') commitOffset = pq.commit();
      else if (await this.checkReconsumeTimes(batch)) {
        pq.makeMessageToConsumeAgain(batch);
        this.submitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
        continueConsume = false;
      } else commitOffset = pq.commit();
    } else if (status === 'COMMIT') {
      commitOffset = pq.commit();
    } else if (status === 'ROLLBACK') {
      pq.rollback();
      this.submitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
      continueConsume = false;
    } else if (status === 'SUSPEND_CURRENT_QUEUE_A_MOMENT' && (await this.checkReconsumeTimes(batch))) {
      pq.makeMessageToConsumeAgain(batch);
      this.submitLater(pq, mq, context.suspendCurrentQueueTimeMillis);
      continueConsume = false;
    }
    if (commitOffset >= 0) this.host.updateOffset(mq, commitOffset);
    return continueConsume;
  }

  /**
   * Java `checkReconsumeTimes`: true = suspend and retry in place. A message at maxReconsumeTimes is sent to the retry
   * topic instead (the broker DLQs it); only when that send fails is it retried in place too.
   */
  private async checkReconsumeTimes(batch: readonly MessageExt[]): Promise<boolean> {
    let suspend = false;
    for (const message of batch) {
      if (message.reconsumeTimes >= this.host.maxReconsumeTimes && (await this.host.sendToRetryTopic(message))) continue;
      suspend = true;
      message.reconsumeTimes += 1;
    }
    return suspend;
  }
}
