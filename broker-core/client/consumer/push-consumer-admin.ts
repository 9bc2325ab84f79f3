import { MessageConst, retryTopicOf } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import type { CMResult, ConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import { ConsumerRunningInfoProperty, type ConsumerRunningInfo, type ProcessQueueInfo } from '../../protocol/bodies/consumer-running-info';
import type { ConsumerAdminHooks } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import type { ConsumeConcurrentlyContext } from './consume-concurrently';
import type { PushConsumer } from './push-consumer';

/**
 * A push consumer's answers to the broker's admin requests (client-request-processors.ts): its running info, its
 * offsets, a reset of its offsets (Java `MQClientInstance.resetOffset`) and a direct consumption of one message
 * (Java `consumeMessageDirectly`: no retry, no offset commit).
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
    const mqTable = [...consumer.rebalance.processQueues.values()].map(({ mq, pq }) => {
      const info: ProcessQueueInfo = {
        commitOffset: offsetInMemory(consumer, mq),
        cachedMsgMinOffset: pq.minOffset ?? 0,
        cachedMsgMaxOffset: pq.maxOffset ?? 0,
        cachedMsgCount: pq.count,
        cachedMsgSizeInMiB: Math.floor(pq.sizeBytes / (1024 * 1024)),
        transactionMsgMinOffset: 0,
        transactionMsgMaxOffset: 0,
        transactionMsgCount: 0,
        locked: false,
        tryUnlockTimes: 0,
        lastLockTimestamp: 0,
        droped: pq.dropped,
        lastPullTimestamp: pq.lastPullTimestamp,
        lastConsumeTimestamp: pq.lastConsumeTimestamp,
      };
      return { messageQueue: mq, value: info };
    });
    const statusTable: ConsumerRunningInfo['statusTable'] = {};
    for (const subscription of consumer.subscriptions()) statusTable[subscription.topic] = consumer.stats.status(subscription.topic);
    return {
      properties: {
        consumerGroup: consumer.group,
        messageModel: consumer.messageModel,
        consumeFromWhere: consumer.consumeFromWhere,
        [ConsumerRunningInfoProperty.CONSUME_ORDERLY]: 'false',
        [ConsumerRunningInfoProperty.THREADPOOL_CORE_SIZE]: String(consumer.consumeConcurrency),
        [ConsumerRunningInfoProperty.CONSUMER_START_TIMESTAMP]: String(consumer.startTimestamp),
        [ConsumerRunningInfoProperty.CONSUME_TYPE]: 'CONSUME_PASSIVELY',
      },
      subscriptionSet: consumer.subscriptions(),
      mqTable,
      statusTable,
    };
  }

  async consumeMessageDirectly(message: MessageExt, brokerName: string | undefined): Promise<ConsumeMessageDirectlyResult> {
    const consumer = this.consumer;
    const original = message.properties.get(MessageConst.RETRY_TOPIC);
    if (original !== undefined && message.topic === retryTopicOf(consumer.group)) message.topic = original;
    const context: ConsumeConcurrentlyContext = {
      messageQueue: { topic: message.topic, brokerName: brokerName ?? '', queueId: message.queueId },
      delayLevelWhenNextConsume: 0,
      ackIndex: Number.MAX_SAFE_INTEGER,
    };
    const began = Date.now();
    let consumeResult: CMResult;
    let remark: string | undefined;
    try {
      const status = await consumer.listenerOrThrow()([message], context);
      consumeResult = status === 'RECONSUME_LATER' ? 'CR_LATER' : 'CR_SUCCESS';
    } catch (error) {
      consumeResult = 'CR_THROW_EXCEPTION';
      remark = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    return { order: false, autoCommit: true, consumeResult, remark, spentTimeMills: Date.now() - began };
  }
}

function offsetInMemory(consumer: PushConsumer, mq: MessageQueue): number {
  const entry = [...consumer.offsetStore.cloneOffsetTable(mq.topic).values()].find(
    (item) => item.mq.brokerName === mq.brokerName && item.mq.queueId === mq.queueId,
  );
  return entry?.offset ?? -1;
}
