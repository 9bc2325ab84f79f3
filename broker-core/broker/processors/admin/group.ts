import { encodeConsumerConnection, encodeProducerConnection, type ClientConnection } from '../../../protocol/bodies/consumer-connection';
import { encodeProducerTableInfo } from '../../../protocol/bodies/producer-table-info';
import { decodeSubscriptionGroupConfig, encodeSubscriptionGroupWrapper } from '../../../protocol/bodies/subscription-group-config';
import type { SubscriptionData } from '../../../filter/tag-filter';
import {
  DeleteSubscriptionGroupRequestHeader,
  GetConsumerConnectionListRequestHeader,
  GetProducerConnectionListRequestHeader,
} from '../../../protocol/headers/admin-group';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';
import type { ClientChannelInfo } from '../../client/client-channel-info';
import { groupNameProblem } from '../../topic/topic-validator';
import { refuseOnSlave } from './slave-guard';

/**
 * Group administration (spec/remoting.md §11.4): UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200),
 * DELETE_SUBSCRIPTIONGROUP (207), GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201), GET_CONSUMER_CONNECTION_LIST (203),
 * GET_PRODUCER_CONNECTION_LIST (204), and from 5.x GET_ALL_PRODUCER_INFO (328), which lets a console list the producer
 * groups instead of asking for one by name.
 */
function toConnection(info: ClientChannelInfo): ClientConnection {
  return { clientId: info.clientId, clientAddr: info.connection.remoteAddress, language: info.language, version: info.version };
}

function updateGroup(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  refuseOnSlave(ctx);
  let config;
  try {
    config = decodeSubscriptionGroupConfig(request.body ?? Buffer.alloc(0));
  } catch (error) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, (error as Error).message);
  }
  const problem = groupNameProblem(config.groupName);
  if (problem) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, problem);
  ctx.groups.updateSubscriptionGroupConfig(config);
  return createResponse(request, ResponseCode.SUCCESS);
}

function deleteGroup(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  refuseOnSlave(ctx);
  const header = DeleteSubscriptionGroupRequestHeader.decode(request.extFields);
  ctx.groups.deleteSubscriptionGroupConfig(header.groupName);
  if (header.removeOffset || header.cleanOffset) ctx.offsets.removeByGroup(header.groupName);
  if (ctx.config.autoDeleteUnusedStats) ctx.stats.onGroupDeleted(header.groupName);
  return createResponse(request, ResponseCode.SUCCESS);
}

function consumerConnections(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { consumerGroup } = GetConsumerConnectionListRequestHeader.decode(request.extFields);
  const groupInfo = ctx.consumers.getConsumerGroupInfo(consumerGroup);
  if (!groupInfo) throw new ResponseCodeError(ResponseCode.CONSUMER_NOT_ONLINE, `the consumer group[${consumerGroup}] not online`);
  const subscriptionTable: Record<string, SubscriptionData> = {};
  for (const [topic, subscription] of groupInfo.subscriptions) subscriptionTable[topic] = subscription.data;
  const body = encodeConsumerConnection({
    connectionSet: [...groupInfo.channels.values()].map(toConnection),
    subscriptionTable,
    consumeType: groupInfo.consumeType,
    messageModel: groupInfo.messageModel,
    consumeFromWhere: groupInfo.consumeFromWhere,
  });
  return createResponse(request, ResponseCode.SUCCESS, { body });
}

function producerConnections(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { producerGroup } = GetProducerConnectionListRequestHeader.decode(request.extFields);
  const channels = ctx.producers.getChannels(producerGroup);
  if (channels.length === 0) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `the producer group[${producerGroup}] not exist`);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeProducerConnection({ connectionSet: channels.map(toConnection) }) });
}

function allProducerInfo(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const groups = new Map(
    [...ctx.producers.allGroups()].map(([group, channels]) => [
      group,
      channels.map((info) => ({ clientId: info.clientId, remoteIP: info.connection.remoteAddress, language: info.language, version: info.version, lastUpdateTimestamp: info.lastUpdateTimestamp })),
    ]),
  );
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeProducerTableInfo(groups) });
}

export function groupAdminProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, (request) => updateGroup(ctx, request)],
    [RequestCode.DELETE_SUBSCRIPTIONGROUP, (request) => deleteGroup(ctx, request)],
    [
      RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
      (request) => createResponse(request, ResponseCode.SUCCESS, { body: encodeSubscriptionGroupWrapper(ctx.groups.buildSerializeWrapper()) }),
    ],
    [RequestCode.GET_CONSUMER_CONNECTION_LIST, (request) => consumerConnections(ctx, request)],
    [RequestCode.GET_PRODUCER_CONNECTION_LIST, (request) => producerConnections(ctx, request)],
    [RequestCode.GET_ALL_PRODUCER_INFO, (request) => allProducerInfo(ctx, request)],
  ]);
}
