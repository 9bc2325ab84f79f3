import { MQClientError } from '../client-error';
import type { MessageQueue } from '../message-queue';
import * as api from './broker-api';
import type { ClientInstance } from './client-instance';

/**
 * Offset look-ups of one queue on its master (Java `MQAdminImpl.maxOffset/minOffset/searchOffset`): the address comes
 * from the routes, refreshed once when unknown.
 */
export async function masterAddressOf(instance: ClientInstance, mq: MessageQueue): Promise<string> {
  let addr = instance.routes.findBrokerAddressInPublish(mq.brokerName);
  if (!addr) {
    await instance.updateTopicRoute(mq.topic);
    addr = instance.routes.findBrokerAddressInPublish(mq.brokerName);
  }
  if (!addr) throw new MQClientError(`The broker[${mq.brokerName}] not exist`);
  return addr;
}

export async function maxOffset(instance: ClientInstance, mq: MessageQueue): Promise<number> {
  return api.getMaxOffset(instance.remoting, await masterAddressOf(instance, mq), mq, instance.config.requestTimeoutMs);
}

export async function minOffset(instance: ClientInstance, mq: MessageQueue): Promise<number> {
  return api.getMinOffset(instance.remoting, await masterAddressOf(instance, mq), mq, instance.config.requestTimeoutMs);
}

export async function searchOffset(instance: ClientInstance, mq: MessageQueue, timestamp: number): Promise<number> {
  return api.searchOffset(instance.remoting, await masterAddressOf(instance, mq), mq, timestamp, instance.config.requestTimeoutMs);
}

export async function earliestMsgStoreTime(instance: ClientInstance, mq: MessageQueue): Promise<number> {
  return api.getEarliestMsgStoreTime(instance.remoting, await masterAddressOf(instance, mq), mq, instance.config.requestTimeoutMs);
}
