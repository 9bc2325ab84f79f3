import type { JsonValue } from '../../common/fastjson';
import { asObject, BodyDecodeError, objectField, parseBodyObject } from '../../protocol/bodies/json-fields';
import { decodeTopicConfig, type TopicConfig } from '../../protocol/bodies/topic-config';
import { decodeTopicList, type TopicList } from '../../protocol/bodies/topic-list';
import { GetTopicConfigRequestHeader, QueryCorrectionOffsetRequestHeader } from '../../protocol/headers/admin-maintenance';
import { QueryTopicsByConsumerRequestHeader } from '../../protocol/headers/admin-topic';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/**
 * Maintenance and 5.x-only requests on one broker (spec/remoting.md §11.4). A 4.x broker answers the 5.x ones with
 * REQUEST_CODE_NOT_SUPPORTED, surfaced as ResponseCodeError(3). Same conventions as broker-topic-admin.ts.
 */

/** `{<int key>:<long>}` tables (bare integer keys, as fastjson writes Integer-keyed maps). */
function integerTable(table: { [key: string]: JsonValue }, path: string): Map<number, number> {
  const result = new Map<number, number>();
  for (const [key, value] of Object.entries(table)) {
    if (!/^-?\d+$/.test(key) || typeof value !== 'number') throw new BodyDecodeError(`${path}: bad entry ${key}: ${JSON.stringify(value)}`);
    result.set(Number(key), value);
  }
  return result;
}

/** GET_ALL_DELAY_OFFSET: delay level -> how far SCHEDULE_TOPIC_XXXX queue level-1 has been delivered. */
export async function getAllDelayOffset(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<Map<number, number>> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_DELAY_OFFSET, {}, timeoutMs);
  const obj = parseBodyObject(response.body, 'DelayOffsetSerializeWrapper');
  return integerTable(objectField(obj, 'offsetTable', 'DelayOffsetSerializeWrapper'), 'DelayOffsetSerializeWrapper.offsetTable');
}

/** QUERY_CORRECTION_OFFSET: per queue, the smallest offset of `compareGroup` and the other groups of the topic. */
export async function queryCorrectionOffset(
  remoting: RemotingClient,
  brokerAddr: string,
  topic: string,
  compareGroup: string,
  filterGroups?: readonly string[],
  timeoutMs = 3000,
): Promise<Map<number, number>> {
  const extFields = QueryCorrectionOffsetRequestHeader.encode({ topic, compareGroup, filterGroups: filterGroups?.join(',') });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.QUERY_CORRECTION_OFFSET, { extFields }, timeoutMs);
  const obj = parseBodyObject(response.body, 'QueryCorrectionOffsetBody');
  return integerTable(objectField(obj, 'correctionOffsets', 'QueryCorrectionOffsetBody'), 'QueryCorrectionOffsetBody.correctionOffsets');
}

/** QUERY_TOPICS_BY_CONSUMER (5.x): topics a group has offsets for on this broker. */
export async function queryTopicsByConsumer(remoting: RemotingClient, brokerAddr: string, group: string, timeoutMs = 3000): Promise<TopicList> {
  const extFields = QueryTopicsByConsumerRequestHeader.encode({ group });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.QUERY_TOPICS_BY_CONSUMER, { extFields }, timeoutMs);
  return decodeTopicList(response.body ?? Buffer.alloc(0));
}

/** GET_TOPIC_CONFIG (5.x): one topic's config. */
export async function getTopicConfig(remoting: RemotingClient, brokerAddr: string, topic: string, timeoutMs = 3000): Promise<TopicConfig> {
  const extFields = GetTopicConfigRequestHeader.encode({ topic });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_TOPIC_CONFIG, { extFields }, timeoutMs);
  const obj = parseBodyObject(response.body, 'TopicConfigAndQueueMapping');
  return decodeTopicConfig(asObject(obj, 'TopicConfigAndQueueMapping'), 'TopicConfigAndQueueMapping', topic);
}

async function maintenance(remoting: RemotingClient, brokerAddr: string, code: number, timeoutMs: number): Promise<boolean> {
  const response = await invokeChecked(remoting, brokerAddr, code, {}, timeoutMs);
  return response.body === undefined || response.body.length === 0 || response.body.toString('utf8').trim() !== 'false';
}

/** CLEAN_EXPIRED_CONSUMEQUEUE: drop consume-queue files whose messages are gone from the commit log. */
export function cleanExpiredConsumeQueue(remoting: RemotingClient, brokerAddr: string, timeoutMs = 10_000): Promise<boolean> {
  return maintenance(remoting, brokerAddr, RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE, timeoutMs);
}

/** CLEAN_UNUSED_TOPIC: drop consume queues of topics the broker no longer has. */
export function cleanUnusedTopic(remoting: RemotingClient, brokerAddr: string, timeoutMs = 10_000): Promise<boolean> {
  return maintenance(remoting, brokerAddr, RequestCode.CLEAN_UNUSED_TOPIC, timeoutMs);
}

/** DELETE_EXPIRED_COMMITLOG (5.x): run the commit-log cleanup now. */
export function deleteExpiredCommitLog(remoting: RemotingClient, brokerAddr: string, timeoutMs = 10_000): Promise<boolean> {
  return maintenance(remoting, brokerAddr, RequestCode.DELETE_EXPIRED_COMMITLOG, timeoutMs);
}
