import { createLogger } from '../../common/logger';
import { messageQueueKey, type MessageQueue } from '../message-queue';
import { ConsumeOrderlyService, DEFAULT_ORDERLY_SETTINGS, type MessageListenerOrderly } from './consume-orderly';
import type { ConsumeService } from './consume-service';
import { sendOrderlyMessageToRetryTopic } from './orderly-message-back';
import type { ProcessQueue } from './process-queue';
import type { PushConsumer } from './push-consumer';

const log = createLogger('consumer');

/**
 * The orderly side of a push consumer (Java `DefaultMQPushConsumerImpl` with a `MessageListenerOrderly` and
 * `RebalancePushImpl.removeUnnecessaryMessageQueue`): building the orderly consume service and giving a queue up.
 *
 * Giving a queue up (rebalance, reset): wait up to 1 s for the callback running on it (Java tries the queue's
 * consume lock for 1 s), then commit its offset to the broker and wait for the answer, then UNLOCK_BATCH_MQ. If the
 * callback is still running, the queue is kept (dropped, not consumed further) and the next rebalance tries again,
 * so the lock is never released before the offset of everything consumed is on the broker.
 */
export interface OrderlyOptions {
  /** Default pause before a suspended queue is retried (1000 ms). */
  suspendCurrentQueueTimeMillis?: number;
  /** Longest run of one queue before it yields (60 000 ms). */
  maxTimeConsumeContinuouslyMs?: number;
  /** Period of re-locking every owned queue (rocketmq.client.rebalance.lockInterval, 20 000 ms). */
  lockIntervalMs?: number;
  /** Own lock considered stale this long after the last successful lock (rocketmq.client.rebalance.lockMaxLiveTime, 30 000 ms). */
  lockMaxLiveTimeMs?: number;
  /** Messages per callback (default 1). */
  consumeMessageBatchMaxSize?: number;
}

const REMOVE_WAIT_MS = 1000;

export function createOrderlyService(consumer: PushConsumer, listener: MessageListenerOrderly, options: OrderlyOptions): ConsumeOrderlyService {
  const clustering = consumer.messageModel === 'CLUSTERING';
  return new ConsumeOrderlyService(
    {
      group: consumer.group,
      messageModel: consumer.messageModel,
      listener,
      stats: consumer.stats,
      hooks: consumer.consumeHooks,
      maxReconsumeTimes: consumer.maxReconsumeTimes,
      locks: clustering ? consumer.rebalance.locks : undefined,
      sendToRetryTopic: (message) => sendOrderlyMessageToRetryTopic(consumer.instance, consumer.group, message, consumer.maxReconsumeTimes),
      updateOffset: (mq, offset) => consumer.offsetStore.updateOffset(mq, offset, false),
    },
    {
      batchMaxSize: options.consumeMessageBatchMaxSize ?? 1,
      consumeConcurrency: consumer.consumeConcurrency,
      suspendCurrentQueueTimeMillis: options.suspendCurrentQueueTimeMillis ?? DEFAULT_ORDERLY_SETTINGS.suspendCurrentQueueTimeMillis,
      maxTimeConsumeContinuouslyMs: options.maxTimeConsumeContinuouslyMs ?? DEFAULT_ORDERLY_SETTINGS.maxTimeConsumeContinuouslyMs,
      lockIntervalMs: options.lockIntervalMs ?? DEFAULT_ORDERLY_SETTINGS.lockIntervalMs,
      lockMaxLiveTimeMs: options.lockMaxLiveTimeMs ?? DEFAULT_ORDERLY_SETTINGS.lockMaxLiveTimeMs,
    },
  );
}

/** Gives up an orderly queue; false keeps it (a callback is still running). */
export async function orderlyQueueRemoval(consumer: PushConsumer, service: ConsumeService | undefined, mq: MessageQueue, pq: ProcessQueue): Promise<boolean> {
  if (service instanceof ConsumeOrderlyService && !(await service.waitIdle(pq, REMOVE_WAIT_MS))) {
    pq.tryUnlockTimes++;
    log.warn(`${messageQueueKey(mq)} is consuming, so can not unlock it yet (${pq.tryUnlockTimes} tries)`);
    return false;
  }
  await consumer.offsetStore.persist(mq);
  consumer.offsetStore.removeOffset(mq);
  await consumer.rebalance.locks.unlock(mq, false);
  pq.locked = false;
  return true;
}
