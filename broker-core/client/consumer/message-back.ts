import { createLogger } from '../../common/logger';
import { MessageConst, retryTopicOf } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { consumerSendMessageBack } from '../instance/broker-api';
import type { ClientInstance } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import type { OutgoingMessage } from '../producer/message';
import { Producer } from '../producer/producer';

const log = createLogger('consumer');

/** The producer group Java clients use for their own re-sends. */
export const CLIENT_INNER_PRODUCER_GROUP = 'CLIENT_INNER_PRODUCER';

/**
 * Hands a message the application failed to consume back for a later retry (Java
 * `DefaultMQPushConsumerImpl.sendMessageBack`, spec/semantics.md §5):
 *  1. CONSUMER_SEND_MSG_BACK to the master of the queue's broker (or the message's store host): the broker writes it
 *     to %RETRY%<group> with a delay, or to the DLQ past maxReconsumeTimes;
 *  2. if that fails, re-send it through the client's inner producer to %RETRY%<group> with RETRY_TOPIC,
 *     RECONSUME_TIME, MAX_RECONSUME_TIMES and DELAY = 3 + reconsumeTimes.
 * Resolves false when both fail (the caller consumes it again locally later).
 */
export async function sendMessageBack(
  instance: ClientInstance,
  group: string,
  message: MessageExt,
  delayLevel: number,
  mq: MessageQueue,
  maxReconsumeTimes: number,
): Promise<boolean> {
  const originMsgId = message.uniqKey ?? message.msgId;
  try {
    const addr = instance.routes.findBrokerAddressInPublish(mq.brokerName) ?? message.storeHost;
    await consumerSendMessageBack(instance.remoting, addr, {
      offset: message.commitLogOffset,
      group,
      delayLevel,
      originMsgId,
      originTopic: message.topic,
      unitMode: false,
      maxReconsumeTimes,
    });
    return true;
  } catch (error) {
    log.warn(`send back of ${originMsgId} to the broker failed, re-sending it to ${retryTopicOf(group)}: ${(error as Error).message}`);
  }
  try {
    await innerProducer(instance).sendOutgoing(retryMessageOf(group, message, maxReconsumeTimes));
    return true;
  } catch (error) {
    log.warn(`re-send of ${originMsgId} to ${retryTopicOf(group)} failed; it will be consumed again locally: ${(error as Error).message}`);
    return false;
  }
}

export function retryMessageOf(group: string, message: MessageExt, maxReconsumeTimes: number): OutgoingMessage {
  const properties = new Map(message.properties);
  const origin = message.properties.get(MessageConst.ORIGIN_MESSAGE_ID);
  properties.set(MessageConst.ORIGIN_MESSAGE_ID, origin ? origin : (message.uniqKey ?? message.msgId));
  properties.set(MessageConst.RETRY_TOPIC, message.topic);
  properties.set(MessageConst.RECONSUME_TIME, String(message.reconsumeTimes + 1));
  properties.set(MessageConst.MAX_RECONSUME_TIMES, String(maxReconsumeTimes));
  properties.delete(MessageConst.TRANSACTION_PREPARED);
  properties.set(MessageConst.DELAY_TIME_LEVEL, String(3 + message.reconsumeTimes));
  return { topic: retryTopicOf(group), body: message.body, flag: message.flag, properties };
}

/** The instance's inner producer, started on first use. */
export function innerProducer(instance: ClientInstance): Producer {
  return instance.singleton(CLIENT_INNER_PRODUCER_GROUP, () => {
    const producer = new Producer({ group: CLIENT_INNER_PRODUCER_GROUP, instance });
    void producer.start().catch((error: unknown) => log.warn(`inner producer: ${(error as Error).message}`));
    return producer;
  });
}
