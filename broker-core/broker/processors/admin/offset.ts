import { createLogger } from '../../../common/logger';
import { encodeConsumerOffsetWrapper } from '../../../protocol/bodies/consumer-offset-wrapper';
import type { MessageQueueEntry } from '../../../protocol/bodies/message-queue-table';
import { encodeResetOffsetBody, encodeResetOffsetBodyForC } from '../../../protocol/bodies/reset-offset-body';
import { CloneGroupOffsetRequestHeader } from '../../../protocol/headers/admin-group';
import { ResetOffsetRequestHeader } from '../../../protocol/headers/reset-offset';
import { Versions } from '../../../protocol/mq-version';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createRequest, createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';
import { sendOneway } from '../../client/client-notifier';
import { encodeDelayOffsets } from '../../schedule/delay-offset-file';

const log = createLogger('admin-offset');

/**
 * Offset administration (spec/remoting.md §11.4, semantics.md §10.5): GET_ALL_CONSUMER_OFFSET (43),
 * GET_ALL_DELAY_OFFSET (45), INVOKE_BROKER_TO_RESET_OFFSET (222), CLONE_GROUP_OFFSET (314).
 *
 * A reset is computed per queue (timestamp -1 = max offset; used when `isForce` or when it is below the committed
 * offset) and pushed to every online consumer of the group as RESET_CONSUMER_CLIENT_OFFSET; the consumers commit it.
 * With no consumer online the answer is CONSUMER_NOT_ONLINE and nothing changes here, as upstream: mqadmin then
 * writes the offsets itself with UPDATE_CONSUMER_OFFSET.
 */
async function resetOffset(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = ResetOffsetRequestHeader.decode(request.extFields);
  const topicConfig = ctx.topics.selectTopicConfig(header.topic);
  if (!topicConfig) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `[reset-offset] reset offset failed, no topic in this broker. topic=${header.topic}`);
  const offsetTable: Array<MessageQueueEntry<number>> = [];
  for (let queueId = 0; queueId < topicConfig.writeQueueNums; queueId++) {
    if (header.queueId !== undefined && header.queueId >= 0 && header.queueId !== queueId) continue;
    const consumerOffset = ctx.offsets.queryOffset(header.group, header.topic, queueId);
    if (consumerOffset === -1) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `THe consumer group <${header.group}> not exist`);
    let target: number;
    if (header.offset !== undefined && header.offset >= 0) target = header.offset;
    else if (header.timestamp === -1) target = ctx.store.getMaxOffsetInQueue(header.topic, queueId);
    else target = await ctx.store.getOffsetInQueueByTime(header.topic, queueId, header.timestamp);
    const offset = header.isForce || target < consumerOffset ? target : consumerOffset;
    offsetTable.push({ messageQueue: { topic: header.topic, brokerName: ctx.config.brokerName, queueId }, value: offset });
  }
  const body = encodeResetOffsetBody({ offsetTable });
  const members = [...(ctx.consumers.getConsumerGroupInfo(header.group)?.channels.values() ?? [])];
  if (members.length === 0) {
    throw new ResponseCodeError(
      ResponseCode.CONSUMER_NOT_ONLINE,
      `Consumer not online, so can not reset offset, Group: ${header.group} Topic: ${header.topic} Timestamp: ${header.timestamp}`,
    );
  }
  const extFields = ResetOffsetRequestHeader.encode({ topic: header.topic, group: header.group, timestamp: header.timestamp, isForce: header.isForce });
  for (const member of members) {
    if (member.version < Versions.V3_0_7_SNAPSHOT) {
      throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `the client does not support this feature. version=${member.version}`);
    }
    const memberBody = member.language === 'CPP' ? encodeResetOffsetBodyForC({ offsetTable }) : body;
    sendOneway(member.connection, createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, { extFields, body: memberBody }));
    log.info(`[reset-offset] reset offset success. topic=${header.topic}, group=${header.group}, clientId=${member.clientId}`);
  }
  return createResponse(request, ResponseCode.SUCCESS, { body });
}

function cloneGroupOffset(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const header = CloneGroupOffsetRequestHeader.decode(request.extFields);
  const topics = header.topic ? [header.topic] : [...ctx.offsets.whichTopicByConsumer(header.srcGroup)];
  for (const topic of topics) {
    if (!ctx.topics.selectTopicConfig(topic)) continue;
    if (!header.offline && ctx.consumers.subscriptionCount(header.srcGroup) > 0 && !ctx.consumers.findSubscription(header.srcGroup, topic)) continue;
    ctx.offsets.cloneOffset(header.srcGroup, header.destGroup, topic);
  }
  return createResponse(request, ResponseCode.SUCCESS);
}

export function offsetAdminProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_ALL_CONSUMER_OFFSET, (request) => createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumerOffsetWrapper(ctx.offsets.buildSerializeWrapper()) })],
    [RequestCode.GET_ALL_DELAY_OFFSET, (request) => createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(encodeDelayOffsets(ctx.schedule.delayOffsets()), 'utf8') })],
    [RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, (request) => resetOffset(ctx, request)],
    [RequestCode.CLONE_GROUP_OFFSET, (request) => cloneGroupOffset(ctx, request)],
  ]);
}
