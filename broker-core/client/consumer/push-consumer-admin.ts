import { MessageConst, retryTopicOf } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import type { CMResult, ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import { ConsumerRunningInfoProperty, type ConsumerRunningInfo, type ProcessQueueInfo } from '../../protocol/bodies/consumer-running-info';
import type { ConsumerAdminHooks } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import type { ConsumeConcurrentlyContext } from './consume-concurrently';
import type { ConsumeOrderlyContext } from './consume-orderly';
import { DEFAULT_ORDERLY_SETTINGS } from './consume-orderly';
import type { ProcessQueue } from './process-queue';
import type { PushConsumer } from './push-consumer';
import { DEFAULT_PUSH_PULL_SETTINGS } from './push-pull-service';

/**
 * A push consumer's answers to the broker's admin requests (client-request-processors.ts): its running info, its
 * offsets, a reset of its offsets (Java `MQClientInstance.resetOffset`) and a direct consumption of one message
 * (Java `consumeMessageDirectly`: no retry, no offset commit).
 *
 * Consume-directly results: concurrent CONSUME_SUCCESS -> CR_SUCCESS, RECONSUME_LATER -> CR_LATER; orderly SUCCESS ->
 * CR_SUCCESS, SUSPEND_CURRENT_QUEUE_A_MOMENT -> CR_LATER, COMMIT -> CR_COMMIT, ROLLBACK -> CR_ROLLBACK; nothing
 * returned counts as success (our listeners' convention); a throw -> CR_THROW_EXCEPTION with the error as remark.
 */
export class PushConsumerAdminHooks implements ConsumerAdminHooks {
  constructor(private readonly consumer: PushConsumer) {}

  offsetsOf(topic: string): Array<{ messageQueue: MessageQueue; value: number }> {
    return [...this.consumer.offsetStore.cloneOffsetTable(topic).values()].map(({ mq, offset }) => ({ messageQueue: mq, value: offset }));
  }

  /**
   * Drops the topic's cached messages, stores the new offsets (waiting for the broker), forgets the queues and
   * rebalances, so pulls restart from the new offsets. The broker sends the whole table to every consumer of the
   * group; each applies the entries of the queues it owns, as upstream.
   */
  async resetOffset(topic: string, offsets: ReadonlyArray<{ messageQueue: MessageQueue; value: number }>): Promise<void> {
    const { rebalance, offsetStore } = this.consumer;
    for (const { messageQueue } of offsets) {
      if (messageQueue.topic !== topic) continue;
      const pq = rebalance.processQueueOf(messageQueue);
      if (pq) {
        pq.dropped = true;
        pq.clear();
      }
    }
    for (const { messageQueue, value } of offsets) {
      if (messageQueue.topic !== topic || !rebalance.processQueueOf(messageQueue)) continue;
      offsetStore.updateOffset(messageQueue, value, false);
      await offsetStore.persist(messageQueue);
      await rebalance.removeProcessQueue(messageQueue);
    }
    this.consumer.instance.rebalanceImmediately();
  }

  runningInfo(): ConsumerRunningInfo {
    const consumer = this.consumer;
    const mqTable = [...consumer.rebalance.processQueues.values()].map(({ mq, pq }) => ({
      messageQueue: mq,
      value: processQueueInfo(pq, offsetInMemory(consumer, mq)),
    }));
    const statusTable: ConsumerRunningInfo['statusTable'] = {};
    for (const subscription of consumer.subscriptions()) statusTable[subscription.topic] = consumer.stats.status(subscription.topic);
    return {
      properties: settingsProperties(consumer),
      subscriptionSet: consumer.subscriptions(),
      mqTable,
      statusTable,
    };
  }

  async consumeMessageDirectly(message: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult> {
    const consumer = this.consumer;
    const original = message.properties.get(MessageConst.RETRY_TOPIC);
    if (original !== undefined && message.topic === retryTopicOf(consumer.group)) message.topic = original;
    const messageQueue = { topic: message.topic, brokerName: brokerName ?? '', queueId: message.queueId };
    const began = Date.now();
    let consumeResult: CMResult;
    let remark: string | undefined;
    let autoCommit = true;
    try {
      if (consumer.consumeOrderly) {
        const context: ConsumeOrderlyContext = { messageQueue, autoCommit: true, suspendCurrentQueueTimeMillis: -1 };
        const status = await consumer.orderlyListenerOrThrow()([message], context);
        autoCommit = context.autoCommit;
        consumeResult = ORDERLY_RESULTS[status ?? 'SUCCESS'];
      } else {
        const context: ConsumeConcurrentlyContext = { messageQueue, delayLevelWhenNextConsume: 0, ackIndex: Number.MAX_SAFE_INTEGER };
        const status = await consumer.listenerOrThrow()([message], context);
        consumeResult = status === 'RECONSUME_LATER' ? 'CR_LATER' : 'CR_SUCCESS';
      }
    } catch (error) {
      consumeResult = 'CR_THROW_EXCEPTION';
      remark = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    return { order: consumer.consumeOrderly, autoCommit, consumeResult, remark, spentTimeMills: Date.now() - began };
  }
}

const ORDERLY_RESULTS: Record<string, CMResult> = {
  SUCCESS: 'CR_SUCCESS',
  SUSPEND_CURRENT_QUEUE_A_MOMENT: 'CR_LATER',
  COMMIT: 'CR_COMMIT',
  ROLLBACK: 'CR_ROLLBACK',
};

/** Java `ProcessQueue.fillProcessQueueInfo`: cached messages, the orderly in-flight ones, lock and timestamps. */
function processQueueInfo(pq: ProcessQueue, commitOffset: number): ProcessQueueInfo {
  const consuming = pq.consumingRange();
  return {
    commitOffset,
    cachedMsgMinOffset: pq.minOffset ?? 0,
    cachedMsgMaxOffset: pq.maxOffset ?? 0,
    cachedMsgCount: pq.count - consuming.count,
    cachedMsgSizeInMiB: Math.floor(pq.sizeBytes / (1024 * 1024)),
    transactionMsgMinOffset: consuming.min,
    transactionMsgMaxOffset: consuming.max,
    transactionMsgCount: consuming.count,
    locked: pq.locked,
    tryUnlockTimes: pq.tryUnlockTimes,
    lastLockTimestamp: pq.lastLockTimestamp,
    droped: pq.dropped,
    lastPullTimestamp: pq.lastPullTimestamp,
    lastConsumeTimestamp: pq.lastConsumeTimestamp,
  };
}

/**
 * Java puts the consumer object's settings in `properties` (MixAll.object2Properties) plus the PROP_* entries;
 * these are the same names for the settings this client has.
 */
function settingsProperties(consumer: PushConsumer): Record<string, string> {
  const options = consumer.options;
  const config = consumer.instance.config;
  const pull = { ...DEFAULT_PUSH_PULL_SETTINGS, ...definedOnly(options) };
  return {
    consumerGroup: consumer.group,
    messageModel: consumer.messageModel,
    consumeFromWhere: consumer.consumeFromWhere,
    consumeThreadMin: String(consumer.consumeConcurrency),
    consumeThreadMax: String(consumer.consumeConcurrency),
    consumeMessageBatchMaxSize: String(options.consumeMessageBatchMaxSize ?? 1),
    consumeConcurrentlyMaxSpan: String(pull.consumeConcurrentlyMaxSpan),
    pullBatchSize: String(pull.pullBatchSize),
    pullInterval: String(pull.pullIntervalMs),
    pullThresholdForQueue: String(pull.pullThresholdForQueue),
    pullThresholdSizeForQueue: String(pull.pullThresholdSizeForQueue),
    postSubscriptionWhenPull: String(pull.postSubscriptionWhenPull),
    maxReconsumeTimes: String(consumer.maxReconsumeTimes),
    suspendCurrentQueueTimeMillis: String(options.suspendCurrentQueueTimeMillis ?? DEFAULT_ORDERLY_SETTINGS.suspendCurrentQueueTimeMillis),
    namesrvAddr: config.namesrvAddrs.join(';'),
    clientIP: config.clientIP,
    instanceName: config.instanceName,
    pollNameServerInterval: String(config.pollNameServerIntervalMs),
    heartbeatBrokerInterval: String(config.heartbeatBrokerIntervalMs),
    persistConsumerOffsetInterval: String(config.persistConsumerOffsetIntervalMs),
    unitMode: 'false',
    [ConsumerRunningInfoProperty.CONSUME_ORDERLY]: String(consumer.consumeOrderly),
    [ConsumerRunningInfoProperty.THREADPOOL_CORE_SIZE]: String(consumer.consumeConcurrency),
    [ConsumerRunningInfoProperty.CONSUMER_START_TIMESTAMP]: String(consumer.startTimestamp),
    [ConsumerRunningInfoProperty.CONSUME_TYPE]: 'CONSUME_PASSIVELY',
  };
}

function definedOnly<T extends object>(source: T): Partial<T> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function offsetInMemory(consumer: PushConsumer, mq: MessageQueue): number {
  const entry = [...consumer.offsetStore.cloneOffsetTable(mq.topic).values()].find(
    (item) => item.mq.brokerName === mq.brokerName && item.mq.queueId === mq.queueId,
  );
  return entry?.offset ?? -1;
}
