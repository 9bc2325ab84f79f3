import { decodeConsumerOffsetWrapper, type ConsumerOffsetSerializeWrapper } from '../../protocol/bodies/consumer-offset-wrapper';
import { decodeGetConsumerStatusBody, type GetConsumerStatusBody } from '../../protocol/bodies/get-consumer-status-body';
import { decodeResetOffsetBody } from '../../protocol/bodies/reset-offset-body';
import { GetConsumerStatusRequestHeader, ResetOffsetRequestHeader } from '../../protocol/headers/reset-offset';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';
import type { MessageQueue } from '../message-queue';

/** Offset administration on one broker (spec/remoting.md §11.4). Same conventions as broker-topic-admin.ts. */

/** GET_ALL_CONSUMER_OFFSET: every committed offset ("topic@group" -> queueId -> offset). */
export async function getAllConsumerOffset(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<ConsumerOffsetSerializeWrapper> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_CONSUMER_OFFSET, {}, timeoutMs);
  return decodeConsumerOffsetWrapper(response.body ?? Buffer.alloc(0));
}

/**
 * INVOKE_BROKER_TO_RESET_OFFSET: the broker computes each queue's offset for `timestamp` (-1 = max offset), stores
 * it when `isForce` or it is below the committed one, and pushes it to the online consumers. Answers the offsets;
 * CONSUMER_NOT_ONLINE when the group has no client on this broker.
 */
export async function invokeBrokerToResetOffset(
  remoting: RemotingClient,
  brokerAddr: string,
  topic: string,
  group: string,
  timestamp: number,
  isForce: boolean,
  timeoutMs = 10_000,
): Promise<Array<{ messageQueue: MessageQueue; value: number }>> {
  const extFields = ResetOffsetRequestHeader.encode({ topic, group, timestamp, isForce });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, { extFields }, timeoutMs);
  return response.body && response.body.length > 0 ? decodeResetOffsetBody(response.body).offsetTable : [];
}

/** INVOKE_BROKER_TO_GET_CONSUMER_STATUS: each online client's offsets of the topic. */
export async function invokeBrokerToGetConsumerStatus(
  remoting: RemotingClient,
  brokerAddr: string,
  topic: string,
  group: string,
  clientAddr?: string,
  timeoutMs = 10_000,
): Promise<GetConsumerStatusBody> {
  const extFields = GetConsumerStatusRequestHeader.encode({ topic, group, clientAddr });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS, { extFields }, timeoutMs);
  return decodeGetConsumerStatusBody(response.body ?? Buffer.alloc(0));
}
