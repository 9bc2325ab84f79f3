import { computeTotalDiff, encodeConsumeStats, encodeConsumeStatsList, type ConsumeStats } from '../../../protocol/bodies/consume-stats';
import { encodeQueryConsumeTimeSpanBody, type QueueTimeSpan } from '../../../protocol/bodies/queue-time-span';
import { GetConsumeStatsRequestHeader, QueryConsumeTimeSpanRequestHeader } from '../../../protocol/headers/admin-group';
import { GetBrokerConsumeStatsRequestHeader } from '../../../protocol/headers/admin-stats';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';

/**
 * Consumer progress (spec/remoting.md §11.4, semantics.md §10.7): GET_CONSUME_STATS (208),
 * GET_BROKER_CONSUME_STATS (317), QUERY_CONSUME_TIME_SPAN (303). Per queue: brokerOffset = max offset,
 * consumerOffset = committed (absent = 0), lastTimestamp = store time of message consumerOffset − 1.
 * Topics the online group does not subscribe (while it subscribes others) are left out, as upstream does.
 */
async function addTopicStats(ctx: BrokerContext, stats: ConsumeStats, group: string, topic: string, queues: number): Promise<void> {
  for (let queueId = 0; queueId < queues; queueId++) {
    const brokerOffset = Math.max(0, ctx.store.getMaxOffsetInQueue(topic, queueId));
    const consumerOffset = Math.max(0, ctx.offsets.queryOffset(group, topic, queueId));
    const lastTimestamp = consumerOffset > 0 ? Math.max(0, await ctx.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1)) : 0;
    stats.offsetTable.push({ messageQueue: { topic, brokerName: ctx.config.brokerName, queueId }, value: { brokerOffset, consumerOffset, lastTimestamp } });
  }
  stats.consumeTps += ctx.stats.tpsGroupGetNums(group, topic);
}

function skippedForGroup(ctx: BrokerContext, group: string, topic: string): boolean {
  return ctx.consumers.findSubscription(group, topic) === undefined && ctx.consumers.subscriptionCount(group) > 0;
}

async function consumeStats(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = GetConsumeStatsRequestHeader.decode(request.extFields);
  let topics: Iterable<string>;
  if (header.topicList) topics = header.topicList.split(';').filter(Boolean);
  else if (header.topic) topics = [header.topic];
  else topics = ctx.offsets.whichTopicByConsumer(header.consumerGroup);
  const stats: ConsumeStats = { offsetTable: [], consumeTps: 0 };
  for (const topic of topics) {
    const topicConfig = ctx.topics.selectTopicConfig(topic);
    if (!topicConfig || skippedForGroup(ctx, header.consumerGroup, topic)) continue;
    await addTopicStats(ctx, stats, header.consumerGroup, topic, topicConfig.readQueueNums);
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumeStats(stats) });
}

async function brokerConsumeStats(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const { isOrder } = GetBrokerConsumeStatsRequestHeader.decode(request.extFields);
  const consumeStatsList: Array<Record<string, ConsumeStats[]>> = [];
  let totalDiff = 0;
  for (const group of ctx.groups.groupNames()) {
    const list: ConsumeStats[] = [];
    for (const topic of ctx.offsets.whichTopicByConsumer(group)) {
      const topicConfig = ctx.topics.selectTopicConfig(topic);
      if (!topicConfig || (isOrder && !topicConfig.order) || skippedForGroup(ctx, group, topic)) continue;
      const stats: ConsumeStats = { offsetTable: [], consumeTps: 0 };
      await addTopicStats(ctx, stats, group, topic, topicConfig.writeQueueNums);
      totalDiff += computeTotalDiff(stats);
      list.push(stats);
    }
    consumeStatsList.push({ [group]: list });
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumeStatsList({ brokerAddr: ctx.brokerAddr, consumeStatsList, totalDiff }) });
}

async function consumeTimeSpan(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const { topic, group } = QueryConsumeTimeSpanRequestHeader.decode(request.extFields);
  const topicConfig = ctx.topics.selectTopicConfig(topic);
  if (!topicConfig) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `No topic in this broker. topic: ${topic}`);
  const spans: QueueTimeSpan[] = [];
  for (let queueId = 0; queueId < topicConfig.writeQueueNums; queueId++) {
    const minTimeStamp = await ctx.store.getEarliestMessageTime(topic, queueId);
    const maxOffset = ctx.store.getMaxOffsetInQueue(topic, queueId);
    const maxTimeStamp = maxOffset > 0 ? await ctx.store.getMessageStoreTimestamp(topic, queueId, maxOffset - 1) : -1;
    const consumerOffset = ctx.offsets.queryOffset(group, topic, queueId);
    const consumeTimeStamp = consumerOffset > 0 ? await ctx.store.getMessageStoreTimestamp(topic, queueId, consumerOffset - 1) : minTimeStamp;
    let delayTime = 0;
    if (consumerOffset >= 0 && consumerOffset < maxOffset) {
      const next = await ctx.store.getMessageStoreTimestamp(topic, queueId, consumerOffset);
      if (next > 0) delayTime = Date.now() - next;
    }
    spans.push({ messageQueue: { topic, brokerName: ctx.config.brokerName, queueId }, minTimeStamp, maxTimeStamp, consumeTimeStamp, delayTime });
  }
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeQueryConsumeTimeSpanBody({ consumeTimeSpanSet: spans }) });
}

export function consumeStatsProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_CONSUME_STATS, (request) => consumeStats(ctx, request)],
    [RequestCode.GET_BROKER_CONSUME_STATS, (request) => brokerConsumeStats(ctx, request)],
    [RequestCode.QUERY_CONSUME_TIME_SPAN, (request) => consumeTimeSpan(ctx, request)],
  ]);
}
