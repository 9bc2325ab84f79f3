import { encodeCheckClientRequestBody } from '../../protocol/bodies/check-client-config';
import { decodeConsumerListBody } from '../../protocol/bodies/group-list';
import type { SubscriptionData } from '../../filter/tag-filter';
import { GetConsumerListByGroupRequestHeader } from '../../protocol/headers/client-manage';
import * as offsets from '../../protocol/headers/consumer-offset';
import { ConsumerSendMsgBackRequestHeader } from '../../protocol/headers/consumer-send-msg-back';
import { PullMessageRequestHeader, PullMessageResponseHeader } from '../../protocol/headers/pull-message';
import { SendMessageRequestHeaderV2, sendHeaderToV2, type SendMessageRequestHeader } from '../../protocol/headers/send-message';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { createRequest, type RemotingCommand } from '../../remoting/remoting-command';
import { invokeChecked, invokeOneway } from '../broker-request';
import type { MessageQueue } from '../message-queue';

/**
 * The broker requests producers and consumers send (spec/remoting.md §11.1-§11.2), typed. Each takes the remoting
 * client and the broker address; failures are RemotingError (transport) or ResponseCodeError (the broker's code).
 * Sends always use the V2 header (one-letter keys) as Java clients do by default.
 */

/** SEND_MESSAGE_V2 or, for a batch body, SEND_BATCH_MESSAGE. Returns the raw answer (send-result.ts maps it). */
export function sendMessage(
  remoting: RemotingClient,
  addr: string,
  header: SendMessageRequestHeader,
  body: Buffer,
  timeoutMs: number,
): Promise<RemotingCommand> {
  return remoting.invoke(addr, sendRequest(header, body), timeoutMs);
}

export function sendMessageOneway(remoting: RemotingClient, addr: string, header: SendMessageRequestHeader, body: Buffer): Promise<void> {
  return remoting.invokeOneway(addr, sendRequest(header, body));
}

function sendRequest(header: SendMessageRequestHeader, body: Buffer): RemotingCommand {
  const code = header.batch ? RequestCode.SEND_BATCH_MESSAGE : RequestCode.SEND_MESSAGE_V2;
  return createRequest(code, { extFields: SendMessageRequestHeaderV2.encode(sendHeaderToV2(header)), body });
}

export interface PullResponse {
  /** SUCCESS, PULL_NOT_FOUND, PULL_RETRY_IMMEDIATELY or PULL_OFFSET_MOVED; anything else is thrown. */
  code: number;
  header: PullMessageResponseHeader;
  body?: Buffer;
}

const PULL_CODES: readonly number[] = [
  ResponseCode.PULL_NOT_FOUND,
  ResponseCode.PULL_RETRY_IMMEDIATELY,
  ResponseCode.PULL_OFFSET_MOVED,
];

export async function pullMessage(
  remoting: RemotingClient,
  addr: string,
  header: PullMessageRequestHeader,
  timeoutMs: number,
): Promise<PullResponse> {
  const extFields = PullMessageRequestHeader.encode(header);
  const response = await invokeChecked(remoting, addr, RequestCode.PULL_MESSAGE, { extFields }, timeoutMs, PULL_CODES);
  return { code: response.code, header: PullMessageResponseHeader.decode(response.extFields), body: response.body };
}

/** The group's committed offset; ResponseCodeError(QUERY_NOT_FOUND) when it has none. */
export async function queryConsumerOffset(
  remoting: RemotingClient,
  addr: string,
  group: string,
  mq: MessageQueue,
  timeoutMs = 3000,
): Promise<number> {
  const extFields = offsets.QueryConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic: mq.topic, queueId: mq.queueId });
  const response = await invokeChecked(remoting, addr, RequestCode.QUERY_CONSUMER_OFFSET, { extFields }, timeoutMs);
  return offsets.QueryConsumerOffsetResponseHeader.decode(response.extFields).offset;
}

function updateOffsetFields(group: string, mq: MessageQueue, offset: number) {
  return offsets.UpdateConsumerOffsetRequestHeader.encode({
    consumerGroup: group,
    topic: mq.topic,
    queueId: mq.queueId,
    commitOffset: offset,
  });
}

export function updateConsumerOffsetOneway(remoting: RemotingClient, addr: string, group: string, mq: MessageQueue, offset: number): Promise<void> {
  return invokeOneway(remoting, addr, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: updateOffsetFields(group, mq, offset) });
}

/** Synchronous commit (admin tools and the reset-offset fallback want the answer). */
export async function updateConsumerOffset(
  remoting: RemotingClient,
  addr: string,
  group: string,
  mq: MessageQueue,
  offset: number,
  timeoutMs = 3000,
): Promise<void> {
  await invokeChecked(remoting, addr, RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: updateOffsetFields(group, mq, offset) }, timeoutMs);
}

/** GET_MAX_OFFSET: the next offset to be written in the queue. */
export async function getMaxOffset(remoting: RemotingClient, addr: string, mq: MessageQueue, timeoutMs = 3000): Promise<number> {
  const extFields = offsets.GetMaxOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId });
  const response = await invokeChecked(remoting, addr, RequestCode.GET_MAX_OFFSET, { extFields }, timeoutMs);
  return offsets.GetMaxOffsetResponseHeader.decode(response.extFields).offset;
}

export async function getMinOffset(remoting: RemotingClient, addr: string, mq: MessageQueue, timeoutMs = 3000): Promise<number> {
  const extFields = offsets.GetMinOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId });
  const response = await invokeChecked(remoting, addr, RequestCode.GET_MIN_OFFSET, { extFields }, timeoutMs);
  return offsets.GetMinOffsetResponseHeader.decode(response.extFields).offset;
}

/** SEARCH_OFFSET_BY_TIMESTAMP: the first offset whose message was stored at or after `timestamp`. */
export async function searchOffset(
  remoting: RemotingClient,
  addr: string,
  mq: MessageQueue,
  timestamp: number,
  timeoutMs = 3000,
): Promise<number> {
  const extFields = offsets.SearchOffsetRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId, timestamp });
  const response = await invokeChecked(remoting, addr, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, { extFields }, timeoutMs);
  return offsets.SearchOffsetResponseHeader.decode(response.extFields).offset;
}

export async function getEarliestMsgStoreTime(remoting: RemotingClient, addr: string, mq: MessageQueue, timeoutMs = 3000): Promise<number> {
  const extFields = offsets.GetEarliestMsgStoretimeRequestHeader.encode({ topic: mq.topic, queueId: mq.queueId });
  const response = await invokeChecked(remoting, addr, RequestCode.GET_EARLIEST_MSG_STORETIME, { extFields }, timeoutMs);
  return offsets.GetEarliestMsgStoretimeResponseHeader.decode(response.extFields).timestamp;
}

/** CONSUMER_SEND_MSG_BACK: hands a failed message back for a later retry (or the DLQ). */
export async function consumerSendMessageBack(
  remoting: RemotingClient,
  addr: string,
  header: ConsumerSendMsgBackRequestHeader,
  timeoutMs = 5000,
): Promise<void> {
  const extFields = ConsumerSendMsgBackRequestHeader.encode(header);
  await invokeChecked(remoting, addr, RequestCode.CONSUMER_SEND_MSG_BACK, { extFields }, timeoutMs);
}

/** GET_CONSUMER_LIST_BY_GROUP: client ids of the group's consumers connected to this broker. */
export async function getConsumerIdListByGroup(remoting: RemotingClient, addr: string, group: string, timeoutMs = 3000): Promise<string[]> {
  const extFields = GetConsumerListByGroupRequestHeader.encode({ consumerGroup: group });
  const response = await invokeChecked(remoting, addr, RequestCode.GET_CONSUMER_LIST_BY_GROUP, { extFields }, timeoutMs);
  return decodeConsumerListBody(response.body ?? Buffer.alloc(0)).consumerIdList;
}

/** CHECK_CLIENT_CONFIG: asks the broker whether it accepts a (SQL92) subscription before the consumer starts. */
export async function checkClientInBroker(
  remoting: RemotingClient,
  addr: string,
  group: string,
  clientId: string,
  subscriptionData: SubscriptionData,
  timeoutMs = 3000,
): Promise<void> {
  const body = encodeCheckClientRequestBody({ clientId, group, subscriptionData });
  await invokeChecked(remoting, addr, RequestCode.CHECK_CLIENT_CONFIG, { body }, timeoutMs);
}
