import { decodeHeartbeatData } from '../protocol/bodies/heartbeat-data';
import { RequestCode } from '../protocol/request-code';
import type { RemotingCommand } from '../remoting/remoting-command';
import { Perm } from './permission';

/**
 * What a request touches, for the permission check (spec/acl.md §4, the 5.x column): resource → needed bits. A group
 * is represented by its retry topic `%RETRY%<group>`; a topic that starts with `%RETRY%` is that group's resource.
 * Codes not listed touch nothing: any authenticated account may send them, unless they are admin-only.
 */
export const RETRY_PREFIX = '%RETRY%';
export const TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';

/** Java Permission.ADMIN_CODE with 5.x's additions; 53 and 54 are added here too (see README: ACL). */
export const ADMIN_CODES: ReadonlySet<number> = new Set([
  RequestCode.UPDATE_AND_CREATE_TOPIC,
  RequestCode.UPDATE_BROKER_CONFIG,
  RequestCode.DELETE_TOPIC_IN_BROKER,
  RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
  RequestCode.DELETE_SUBSCRIPTIONGROUP,
  RequestCode.UPDATE_AND_CREATE_ACL_CONFIG,
  RequestCode.DELETE_ACL_CONFIG,
  RequestCode.GET_BROKER_CLUSTER_ACL_INFO,
  RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG,
  RequestCode.GET_BROKER_CLUSTER_ACL_CONFIG,
  RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP_LIST,
  513, // UPDATE_AND_CREATE_STATIC_TOPIC (5.x)
]);

export const isGroupResource = (resource: string): boolean => resource.startsWith(RETRY_PREFIX);

export function neededResources(request: RemotingCommand): Map<string, number> {
  const needed = new Map<string, number>();
  const fields = request.extFields ?? {};
  const group = (name: string | undefined) => {
    if (name) needed.set(RETRY_PREFIX + name, Perm.SUB);
  };
  const topic = (name: string | undefined, perm: number) => {
    if (name) needed.set(name, isGroupResource(name) ? Perm.SUB : perm);
  };
  switch (request.code) {
    case RequestCode.SEND_MESSAGE:
      topic(fields.topic, Perm.PUB);
      break;
    case RequestCode.SEND_MESSAGE_V2:
    case RequestCode.SEND_BATCH_MESSAGE:
      topic(fields.b, Perm.PUB);
      break;
    case RequestCode.CONSUMER_SEND_MSG_BACK:
      group(fields.group);
      break;
    case RequestCode.PULL_MESSAGE:
      topic(fields.topic, Perm.SUB);
      group(fields.consumerGroup);
      break;
    case RequestCode.QUERY_MESSAGE:
      topic(fields.topic, Perm.SUB);
      break;
    case RequestCode.HEART_BEAT:
      heartbeatResources(request.body, group, topic);
      break;
    case RequestCode.UNREGISTER_CLIENT:
    case RequestCode.GET_CONSUMER_LIST_BY_GROUP:
      group(fields.consumerGroup);
      break;
    case RequestCode.UPDATE_CONSUMER_OFFSET:
      group(fields.consumerGroup);
      topic(fields.topic, Perm.SUB);
      break;
  }
  return needed;
}

function heartbeatResources(
  body: Buffer | undefined,
  group: (name: string | undefined) => void,
  topic: (name: string | undefined, perm: number) => void,
): void {
  if (!body || body.length === 0) return;
  let consumers;
  try {
    consumers = decodeHeartbeatData(body).consumerDataSet;
  } catch {
    return; // the heartbeat processor answers the format error
  }
  for (const consumer of consumers) {
    group(consumer.groupName);
    for (const subscription of consumer.subscriptionDataSet) topic(subscription.topic, Perm.SUB);
  }
}
