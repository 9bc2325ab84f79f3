import { newTopicConfig, type TopicFilterType } from '../../../protocol/bodies/topic-config';
import { encodeTopicConfigWrapper } from '../../../protocol/bodies/topic-config-wrapper';
import { encodeGroupList } from '../../../protocol/bodies/group-list';
import { encodeTopicList } from '../../../protocol/bodies/topic-list';
import { encodeTopicStatsTable, type TopicOffset } from '../../../protocol/bodies/topic-stats-table';
import type { MessageQueueEntry } from '../../../protocol/bodies/message-queue-table';
import {
  CreateTopicRequestHeader,
  DeleteTopicRequestHeader,
  GetTopicStatsInfoRequestHeader,
  QueryTopicConsumeByWhoRequestHeader,
  QueryTopicsByConsumerRequestHeader,
} from '../../../protocol/headers/admin-topic';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';
import { topicNameProblem } from '../../topic/topic-validator';
import { refuseOnSlave } from './slave-guard';

/**
 * Topic administration (spec/remoting.md §11.4, Java `AdminBrokerProcessor`): UPDATE_AND_CREATE_TOPIC (17),
 * DELETE_TOPIC_IN_BROKER (215), GET_ALL_TOPIC_CONFIG (21), GET_TOPIC_STATS_INFO (202), QUERY_TOPIC_CONSUME_BY_WHO
 * (300), QUERY_TOPICS_BY_CONSUMER (343), GET_SYSTEM_TOPIC_LIST_FROM_BROKER (305). System topics cannot be created or
 * deleted by admin requests.
 */
function checkAdminTopic(ctx: BrokerContext, topic: string): void {
  const problem = topicNameProblem(topic);
  if (problem) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, problem);
  if (ctx.topics.isSystemTopic(topic)) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The topic[${topic}] is conflict with system topic.`);
}

function updateAndCreateTopic(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  refuseOnSlave(ctx);
  const header = CreateTopicRequestHeader.decode(request.extFields);
  checkAdminTopic(ctx, header.topic);
  if (header.topicFilterType !== 'SINGLE_TAG' && header.topicFilterType !== 'MULTI_TAG') {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `topicFilterType '${header.topicFilterType}' is not SINGLE_TAG or MULTI_TAG`);
  }
  if (header.readQueueNums < 0 || header.writeQueueNums < 0) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `queue numbers must not be negative: read ${header.readQueueNums}, write ${header.writeQueueNums}`);
  }
  ctx.topics.updateTopicConfig(
    newTopicConfig(header.topic, {
      readQueueNums: header.readQueueNums,
      writeQueueNums: header.writeQueueNums,
      perm: header.perm,
      topicFilterType: header.topicFilterType as TopicFilterType,
      topicSysFlag: header.topicSysFlag ?? 0,
      order: header.order,
    }),
  );
  return createResponse(request, ResponseCode.SUCCESS);
}

async function deleteTopic(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  refuseOnSlave(ctx);
  const { topic } = DeleteTopicRequestHeader.decode(request.extFields);
  checkAdminTopic(ctx, topic);
  ctx.topics.deleteTopicConfig(topic);
  await ctx.store.deleteTopics([topic]);
  ctx.offsets.removeByTopic(topic);
  if (ctx.config.autoDeleteUnusedStats) ctx.stats.onTopicDeleted(topic);
  return createResponse(request, ResponseCode.SUCCESS);
}

async function topicStats(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const { topic } = GetTopicStatsInfoRequestHeader.decode(request.extFields);
  const topicConfig = ctx.topics.selectTopicConfig(topic);
  if (!topicConfig) throw new ResponseCodeError(ResponseCode.TOPIC_NOT_EXIST, `topic[${topic}] not exist`);
  const offsetTable: Array<MessageQueueEntry<TopicOffset>> = [];
  const queues = Math.max(topicConfig.readQueueNums, topicConfig.writeQueueNums);
  for (let queueId = 0; queueId < queues; queueId++) {
    const minOffset = Math.max(0, ctx.store.getMinOffsetInQueue(topic, queueId));
    const maxOffset = Math.max(minOffset, ctx.store.getMaxOffsetInQueue(topic, queueId));
    const lastUpdateTimestamp = maxOffset > 0 ? Math.max(0, await ctx.store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1)) : 0;
    offsetTable.push({ messageQueue: { topic, brokerName: ctx.config.brokerName, queueId }, value: { minOffset, maxOffset, lastUpdateTimestamp } });
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicStatsTable({ offsetTable }) });
}

function topicConsumeByWho(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { topic } = QueryTopicConsumeByWhoRequestHeader.decode(request.extFields);
  const groups = new Set([...ctx.consumers.queryTopicConsumeByWho(topic), ...ctx.offsets.whichGroupByTopic(topic)]);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeGroupList({ groupList: [...groups] }) });
}

function topicsByConsumer(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { group } = QueryTopicsByConsumerRequestHeader.decode(request.extFields);
  const topics = [...ctx.offsets.whichTopicByConsumer(group)];
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicList({ topicList: topics, brokerAddr: ctx.brokerAddr }) });
}

export function topicAdminProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.UPDATE_AND_CREATE_TOPIC, (request) => updateAndCreateTopic(ctx, request)],
    [RequestCode.DELETE_TOPIC_IN_BROKER, (request) => deleteTopic(ctx, request)],
    [RequestCode.GET_ALL_TOPIC_CONFIG, (request) => createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicConfigWrapper(ctx.topics.buildSerializeWrapper()) })],
    [RequestCode.GET_TOPIC_STATS_INFO, (request) => topicStats(ctx, request)],
    [RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, (request) => topicConsumeByWho(ctx, request)],
    [RequestCode.QUERY_TOPICS_BY_CONSUMER, (request) => topicsByConsumer(ctx, request)],
    [RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_BROKER, (request) => createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicList({ topicList: ctx.topics.systemTopics() }) })],
  ]);
}
