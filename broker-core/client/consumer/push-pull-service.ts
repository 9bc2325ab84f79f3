import { createLogger } from '../../common/logger';
import { isRetryTopic } from '../../common/message/message-const';
import { buildPullSysFlag } from '../../protocol/headers/pull-message';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { messageQueueKey } from '../message-queue';
import type { ConsumeService } from './consume-service';
import type { PullApi } from './pull-api';
import type { PullRequest } from './rebalance';
import type { PushConsumer } from './push-consumer';

const log = createLogger('consumer');

/**
 * The pull side of a push consumer (Java `DefaultMQPushConsumerImpl.pullMessage` + `PullMessageService`): one loop
 * per owned queue that long-polls the broker and feeds the consume service.
 *
 * Each round: pause 50 ms while the queue's cache is over a threshold (flow control); pull with the in-memory
 * offset piggy-backed (clustering) and the SUSPEND flag; then
 *   FOUND              cache the messages, submit them, pull again at once (or after pullIntervalMs)
 *   NO_NEW_MSG /       move on; commit the new offset if nothing is cached (correctTagsOffset)
 *   NO_MATCHED_MSG
 *   OFFSET_ILLEGAL     drop the queue; offsetMovedDelayMs later store the broker's offset, persist it and remove the
 *                      queue, so the next rebalance restarts it from there (upstream waits 10 s)
 *   error              retry after pullTimeDelayMsWhenException (3 s), or 20 ms on FLOW_CONTROL
 * A loop ends when its queue is dropped or the consumer stops. Orderly consumers pull a queue only while it is
 * locked (else retry after pullTimeDelayMsWhenException); the first pull after the lock re-reads the committed
 * offset (the previous owner may have committed since), and the offset-span threshold does not apply.
 */
export interface PushPullSettings {
  pullBatchSize: number;
  pullThresholdForQueue: number;
  /** MiB. */
  pullThresholdSizeForQueue: number;
  consumeConcurrentlyMaxSpan: number;
  pullIntervalMs: number;
  /** brokerSuspendMaxTimeMillis sent in the header. */
  suspendTimeoutMs: number;
  /** RPC timeout of a suspended pull; must exceed suspendTimeoutMs. */
  pullTimeoutMs: number;
  pullTimeDelayMsWhenException: number;
  /** Send the subscription expression with every pull (Java postSubscriptionWhenPull). */
  postSubscriptionWhenPull: boolean;
  offsetMovedDelayMs: number;
}

export const DEFAULT_PUSH_PULL_SETTINGS: PushPullSettings = {
  pullBatchSize: 32,
  pullThresholdForQueue: 1000,
  pullThresholdSizeForQueue: 100,
  consumeConcurrentlyMaxSpan: 2000,
  pullIntervalMs: 0,
  suspendTimeoutMs: 15_000,
  pullTimeoutMs: 30_000,
  pullTimeDelayMsWhenException: 3000,
  postSubscriptionWhenPull: false,
  offsetMovedDelayMs: 10_000,
};

const FLOW_CONTROL_DELAY_MS = 50;
const BROKER_FLOW_CONTROL_DELAY_MS = 20;

export class PushPullService {
  private readonly settings: PushPullSettings;
  private readonly sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private stopped = false;
  /** Flow-control pauses so far (logged every 1000th, as upstream). */
  flowControlTimes = 0;

  constructor(
    private readonly consumer: PushConsumer,
    private readonly pullApi: PullApi,
    private readonly consumeService: ConsumeService,
    settings: Partial<PushPullSettings>,
  ) {
    this.settings = { ...DEFAULT_PUSH_PULL_SETTINGS };
    for (const key of Object.keys(DEFAULT_PUSH_PULL_SETTINGS) as Array<keyof PushPullSettings>) {
      const value = settings[key];
      if (value !== undefined) (this.settings as unknown as Record<string, unknown>)[key] = value;
    }
  }

  start(request: PullRequest): void {
    void this.pullLoop(request).catch((error: unknown) => log.error(`pull loop of ${messageQueueKey(request.mq)} died`, error));
  }

  /** Ends every loop at its next step; pending long polls are abandoned (their answers are ignored). */
  stop(): void {
    this.stopped = true;
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    this.sleepers.clear();
  }

  private active(request: PullRequest): boolean {
    return !this.stopped && this.consumer.running && !request.processQueue.dropped;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper);
          resolve();
        }, ms),
        resolve,
      };
      this.sleepers.add(sleeper);
    });
  }

  private overThreshold(request: PullRequest): boolean {
    const pq = request.processQueue;
    return (
      pq.count > this.settings.pullThresholdForQueue ||
      pq.sizeBytes / (1024 * 1024) > this.settings.pullThresholdSizeForQueue ||
      (!this.consumeService.orderly && pq.maxSpan > this.settings.consumeConcurrentlyMaxSpan)
    );
  }

  private async pullLoop(request: PullRequest): Promise<void> {
    const { mq, processQueue: pq } = request;
    const clustering = this.consumer.messageModel === 'CLUSTERING';
    while (this.active(request)) {
      pq.lastPullTimestamp = Date.now();
      if (this.overThreshold(request)) {
        if (this.flowControlTimes++ % 1000 === 0) {
          log.warn(`flow control on ${messageQueueKey(mq)}: ${pq.count} messages, ${pq.sizeBytes} bytes, span ${pq.maxSpan} cached`);
        }
        await this.sleep(FLOW_CONTROL_DELAY_MS);
        continue;
      }
      if (this.consumeService.orderly && clustering && !(await this.readyToPullOrderly(request))) {
        if (!this.active(request)) return;
        await this.sleep(this.settings.pullTimeDelayMsWhenException);
        continue;
      }
      const subscription = this.consumer.rebalance.subscriptions.get(mq.topic);
      if (!subscription) {
        await this.sleep(this.settings.pullTimeDelayMsWhenException);
        continue;
      }
      const commitOffset = clustering ? await this.consumer.offsetStore.readOffset(mq, 'memory') : 0;
      const sendSubscription = this.settings.postSubscriptionWhenPull && !subscription.classFilterMode;
      const began = Date.now();
      let result;
      try {
        result = await this.pullApi.pull({
          mq,
          subscription,
          offset: request.nextOffset,
          maxNums: this.settings.pullBatchSize,
          sysFlag: buildPullSysFlag(commitOffset > 0, true, sendSubscription, subscription.classFilterMode),
          commitOffset: Math.max(commitOffset, 0),
          suspendTimeoutMs: this.settings.suspendTimeoutMs,
          timeoutMs: this.settings.pullTimeoutMs,
          sendSubscription,
        });
      } catch (error) {
        if (!this.active(request)) return;
        if (!isRetryTopic(mq.topic)) log.warn(`pull of ${messageQueueKey(mq)} failed: ${(error as Error).message}`);
        const flowControl = error instanceof ResponseCodeError && error.code === ResponseCode.FLOW_CONTROL;
        await this.sleep(flowControl ? BROKER_FLOW_CONTROL_DELAY_MS : this.settings.pullTimeDelayMsWhenException);
        continue;
      }
      if (!this.active(request)) return;
      switch (result.status) {
        case 'FOUND':
          request.nextOffset = result.nextBeginOffset;
          this.consumer.stats.pulled(mq.topic, result.messages.length, Date.now() - began);
          if (result.messages.length > 0) {
            pq.putMessages(result.messages);
            this.consumeService.submit(result.messages, pq, mq);
            if (this.settings.pullIntervalMs > 0) await this.sleep(this.settings.pullIntervalMs);
          }
          break;
        case 'NO_NEW_MSG':
        case 'NO_MATCHED_MSG':
          request.nextOffset = result.nextBeginOffset;
          // Java correctTagsOffset: nothing in flight, so everything before the next offset is done.
          if (pq.count === 0) this.consumer.offsetStore.updateOffset(mq, request.nextOffset, true);
          break;
        case 'OFFSET_ILLEGAL':
          log.warn(`the pull offset of ${messageQueueKey(mq)} is illegal; the broker says ${result.nextBeginOffset}`);
          request.nextOffset = result.nextBeginOffset;
          pq.dropped = true;
          this.fixOffsetLater(request);
          return;
      }
    }
  }

  /** Orderly: pull only a locked queue; the first time, restart from the committed offset (Java previouslyLocked). */
  private async readyToPullOrderly(request: PullRequest): Promise<boolean> {
    if (!request.processQueue.locked) return false;
    if (request.previouslyLocked) return true;
    const offset = await this.consumer.computePullFromWhere(request.mq);
    if (offset < 0) return false;
    if (offset !== request.nextOffset) log.info(`${messageQueueKey(request.mq)}: locked; pulling from the committed offset ${offset} (was ${request.nextOffset})`);
    request.previouslyLocked = true;
    request.nextOffset = offset;
    return true;
  }

  private fixOffsetLater(request: PullRequest): void {
    const timer = setTimeout(() => {
      if (this.stopped) return;
      this.consumer.offsetStore.updateOffset(request.mq, request.nextOffset, false);
      void this.consumer.offsetStore
        .persist(request.mq)
        .then(() => this.consumer.rebalance.removeProcessQueue(request.mq))
        .catch((error: unknown) => log.warn(`fixing the offset of ${messageQueueKey(request.mq)} failed: ${(error as Error).message}`));
    }, this.settings.offsetMovedDelayMs);
    timer.unref();
  }
}
