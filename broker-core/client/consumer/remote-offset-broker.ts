import { MQClientError } from '../client-error';
import { queryConsumerOffset, updateConsumerOffset, updateConsumerOffsetOneway } from '../instance/broker-api';
import type { ClientInstance } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import type { ConsumerOffsetBroker } from './remote-offset-store';

/**
 * The broker side of a clustering consumer's offsets (Java `RemoteBrokerOffsetStore.fetch/updateConsumeOffsetToBroker`):
 * the master of the queue's broker, or any broker of that name when the master is away (offset commits are
 * accepted by slaves too).
 */
export function remoteOffsetBroker(instance: ClientInstance, group: string): ConsumerOffsetBroker {
  const addressOf = async (mq: MessageQueue): Promise<string> => {
    let found = instance.routes.findBrokerAddressInSubscribe(mq.brokerName, 0, false);
    if (!found) {
      await instance.updateTopicRoute(mq.topic);
      found = instance.routes.findBrokerAddressInSubscribe(mq.brokerName, 0, false);
    }
    if (!found) throw new MQClientError(`The broker[${mq.brokerName}] not exist`);
    return found.brokerAddr;
  };
  return {
    async queryConsumerOffset(mq) {
      return queryConsumerOffset(instance.remoting, await addressOf(mq), group, mq, instance.config.requestTimeoutMs);
    },
    async updateConsumerOffset(mq, offset, oneway) {
      const addr = await addressOf(mq);
      if (oneway) await updateConsumerOffsetOneway(instance.remoting, addr, group, mq, offset);
      else await updateConsumerOffset(instance.remoting, addr, group, mq, offset, instance.config.requestTimeoutMs);
    },
  };
}
