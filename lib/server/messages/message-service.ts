import { allMasterAddrs } from '../../../broker-core/client/admin/cluster-lookup';
import { queryMessageByKey, queryMessageByUniqueKey, queryMessagesByTime, viewMessageById } from '../../../broker-core/client/admin/message-queries';
import { messageTrackDetail } from '../../../broker-core/client/admin/message-track';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import type { MessageExt } from '../../../broker-core/common/message/message-ext';
import { isOffsetMessageId } from '../../../broker-core/common/message/message-id';
import type { ByIdQuery, ByKeyQuery, ByTimeQuery, ConsumeDirectlyResult, MessageDetail, MessagePage, MessageSummary, ResendToGroupInput } from '../../validations/message-query';
import { onlineConnection } from '../consumers/group-summaries';
import { requestError } from '../request-errors';
import { startTail, type TailHandlers } from './message-tail';
import { toMessageDetail, toMessageSummary } from './message-view';

/**
 * The Messages page's server side (rocketmq-dashboard's message query by topic and time, by key, by id; detail with
 * message track; resend = CONSUME_MESSAGE_DIRECTLY to a client of a group), and the live tail.
 */
export interface MessageService {
  queryByTime(query: ByTimeQuery): Promise<MessagePage>;
  queryByKey(query: ByKeyQuery): Promise<MessagePage>;
  queryById(query: ByIdQuery): Promise<MessagePage>;
  detail(clusterId: string, offsetMsgId: string): Promise<MessageDetail>;
  resendToGroup(input: ResendToGroupInput): Promise<ConsumeDirectlyResult>;
  tail(clusterId: string, topic: string, handlers: TailHandlers, signal: AbortSignal): void;
}

/** rocketmq-dashboard shows up to 64 messages per key (mqadmin queryMsgByKey's maxNum). */
export const KEY_QUERY_MAX = 64;

export function createMessageService(admin: (clusterId: string) => MQAdmin): MessageService {
  return {
    async queryByTime(query) {
      const page = await queryMessagesByTime(admin(query.cluster), {
        topic: query.topic,
        beginTimestamp: query.from,
        endTimestamp: query.to,
        pageSize: query.pageSize,
        cursor: query.cursor,
      }).catch((error: unknown) => {
        // A cursor this server did not write is the caller's mistake, not the cluster's.
        if (query.cursor && error instanceof Error && error.message.startsWith('bad cursor')) throw requestError('bad-request', error.message);
        throw error;
      });
      return { messages: page.messages.map(toMessageSummary), ...(page.cursor ? { cursor: page.cursor } : {}) };
    },
    async queryByKey(query) {
      const found = await queryMessageByKey(admin(query.cluster), { topic: query.topic, key: query.key, maxNum: KEY_QUERY_MAX });
      return { messages: newestFirst(found) };
    },
    async queryById(query) {
      const target = admin(query.cluster);
      const found: MessageExt[] = [];
      // Java's viewMessage(topic, msgId): an offset id names its message directly; a client id is looked up by key.
      if (isOffsetMessageId(query.msgId)) {
        const byOffset = await viewMessageById(target, query.msgId.toUpperCase()).catch(() => undefined);
        if (byOffset && (!query.topic || byOffset.topic === query.topic)) found.push(byOffset);
      }
      if (query.topic) {
        for (const message of await queryMessageByUniqueKey(target, query.topic, query.msgId.toUpperCase())) {
          if (!found.some((known) => known.msgId === message.msgId)) found.push(message);
        }
      }
      return { messages: newestFirst(found) };
    },
    async detail(clusterId, offsetMsgId) {
      const target = admin(clusterId);
      const message = await viewMessageById(target, offsetMsgId.toUpperCase());
      try {
        return toMessageDetail(message, await messageTrackDetail(target, message));
      } catch (error) {
        return toMessageDetail(message, [], error instanceof Error ? error.message : String(error));
      }
    },
    async resendToGroup(input) {
      const target = admin(input.cluster);
      const message = await viewMessageById(target, input.msgId.toUpperCase());
      const clientId = input.clientId || (await firstOnlineClient(target, input.group));
      const result = await target.consumeMessageDirectly(input.group, clientId, message.topic, message.msgId);
      return { clientId, consumeResult: result.consumeResult, remark: result.remark, spentTimeMills: result.spentTimeMills, order: result.order, autoCommit: result.autoCommit };
    },
    tail(clusterId, topic, handlers, signal) {
      startTail(admin(clusterId), topic, handlers, signal);
    },
  };
}

function newestFirst(messages: MessageExt[]): MessageSummary[] {
  return [...messages].sort((a, b) => b.storeTimestamp - a.storeTimestamp).map(toMessageSummary);
}

async function firstOnlineClient(admin: MQAdmin, group: string): Promise<string> {
  const connection = await onlineConnection(admin, allMasterAddrs(await admin.examineBrokerClusterInfo()), group);
  const client = connection?.connectionSet.find((candidate) => candidate.clientId);
  if (!client) throw requestError('conflict', `no client of ${group} is online to consume the message`);
  return client.clientId;
}
