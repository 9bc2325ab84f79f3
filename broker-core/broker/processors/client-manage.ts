import { createLogger } from '../../common/logger';
import { retryTopicOf } from '../../common/message/message-const';
import { isTagType } from '../../filter/tag-filter';
import { decodeCheckClientRequestBody } from '../../protocol/bodies/check-client-config';
import { BodyDecodeError } from '../../protocol/bodies/json-fields';
import { decodeHeartbeatData, type ConsumerData } from '../../protocol/bodies/heartbeat-data';
import { PERM_READ, PERM_WRITE, TopicSysFlag } from '../../protocol/bodies/topic-config';
import {
  HEARTBEAT_RESPONSE_SUB_CHANGE_KEY,
  HEARTBEAT_RESPONSE_SUPPORT_V2_KEY,
  UnregisterClientRequestHeader,
} from '../../protocol/headers/client-manage';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { Connection } from '../../remoting/connection';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import type { ClientChannelInfo } from '../client/client-channel-info';
import type { RegisteredSubscription } from '../client/consumer-group-info';

const log = createLogger('client-manage');

/**
 * HEART_BEAT (34), UNREGISTER_CLIENT (35), CHECK_CLIENT_CONFIG (46) (spec/remoting.md §11.2, semantics.md §10.1,
 * Java `ClientManageProcessor`). A heartbeat finds or auto-creates each consumer group, creates and announces its
 * %RETRY% topic, registers the connection and subscriptions (SQL92 ones compiled; a broken one is logged and left
 * out) and the producer groups. Membership changes notify the group's members.
 */
function channelInfo(request: RemotingCommand, connection: Connection, clientId: string): ClientChannelInfo {
  return { connection, clientId, language: request.language, version: request.version, lastUpdateTimestamp: Date.now() };
}

function compileSubscriptions(ctx: BrokerContext, data: ConsumerData): RegisteredSubscription[] {
  const registered: RegisteredSubscription[] = [];
  for (const subscription of data.subscriptionDataSet) {
    if (isTagType(subscription.expressionType)) {
      registered.push({ data: subscription });
      continue;
    }
    try {
      registered.push({ data: subscription, compiledSql: ctx.sqlFilters.compile(subscription.subString) });
    } catch (error) {
      log.warn(`group ${data.groupName}: subscription of ${subscription.topic} rejected, ${subscription.expressionType} '${subscription.subString}' does not parse: ${(error as Error).message}`);
    }
  }
  return registered;
}

function heartbeat(ctx: BrokerContext, request: RemotingCommand, connection: Connection): RemotingCommand {
  let data;
  try {
    data = decodeHeartbeatData(request.body ?? Buffer.alloc(0));
  } catch (error) {
    if (error instanceof BodyDecodeError) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `bad heartbeat body: ${error.message}`);
    throw error;
  }
  const info = () => channelInfo(request, connection, data.clientID);
  let subscriptionsMissing = false;
  for (const consumer of data.consumerDataSet) {
    const groupConfig = ctx.groups.findSubscriptionGroupConfig(consumer.groupName);
    let notify = true;
    if (groupConfig) {
      notify = groupConfig.notifyConsumerIdsChangedEnable;
      const topicSysFlag = consumer.unitMode ? TopicSysFlag.UNIT_SUB : 0;
      const retryTopic = retryTopicOf(consumer.groupName);
      const existed = ctx.topics.selectTopicConfig(retryTopic) !== undefined;
      ctx.topics.createTopicInSendMessageBackMethod(retryTopic, groupConfig.retryQueueNums, PERM_READ | PERM_WRITE, topicSysFlag);
      if (!existed) log.info(`retry topic ${retryTopic} created for group ${consumer.groupName}`);
    }
    // heartbeat v2: withoutSub keeps the subscriptions registered before (ask for them when we have none)
    const keepSubscriptions = data.withoutSub === true && ctx.consumers.getConsumerGroupInfo(consumer.groupName) !== undefined;
    if (data.withoutSub === true && !keepSubscriptions) subscriptionsMissing = true;
    const changed = ctx.consumers.registerConsumer(
      consumer.groupName,
      info(),
      consumer.consumeType,
      consumer.messageModel,
      consumer.consumeFromWhere,
      keepSubscriptions ? undefined : compileSubscriptions(ctx, consumer),
      notify && ctx.config.notifyConsumerIdsChangedEnable,
    );
    if (changed) log.info(`registerConsumer info changed, group ${consumer.groupName} client ${data.clientID} ${connection.remoteAddress}`);
  }
  for (const producer of data.producerDataSet) ctx.producers.registerProducer(producer.groupName, info());
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: { [HEARTBEAT_RESPONSE_SUPPORT_V2_KEY]: 'true', [HEARTBEAT_RESPONSE_SUB_CHANGE_KEY]: String(subscriptionsMissing) },
  });
}

function unregisterClient(ctx: BrokerContext, request: RemotingCommand, connection: Connection): RemotingCommand {
  const header = UnregisterClientRequestHeader.decode(request.extFields);
  if (header.producerGroup) ctx.producers.unregisterProducer(header.producerGroup, connection);
  if (header.consumerGroup) {
    const groupConfig = ctx.groups.get(header.consumerGroup);
    const notify = (groupConfig?.notifyConsumerIdsChangedEnable ?? true) && ctx.config.notifyConsumerIdsChangedEnable;
    ctx.consumers.unregisterConsumer(header.consumerGroup, connection, notify);
  }
  return createResponse(request, ResponseCode.SUCCESS);
}

/** A consumer checks at start that the broker accepts its SQL92 subscription (semantics.md §9). */
function checkClientConfig(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  let body;
  try {
    body = decodeCheckClientRequestBody(request.body ?? Buffer.alloc(0));
  } catch (error) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `bad CHECK_CLIENT_CONFIG body: ${(error as Error).message}`);
  }
  const subscription = body.subscriptionData;
  if (isTagType(subscription.expressionType)) return createResponse(request, ResponseCode.SUCCESS);
  if (!ctx.config.enablePropertyFilter) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The broker does not support consumer to filter message by ${subscription.expressionType}`);
  }
  try {
    ctx.sqlFilters.compile(subscription.subString);
  } catch (error) {
    throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_PARSE_FAILED, (error as Error).message);
  }
  return createResponse(request, ResponseCode.SUCCESS);
}

export function clientManageProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.HEART_BEAT, (request, connection) => heartbeat(ctx, request, connection)],
    [RequestCode.UNREGISTER_CLIENT, (request, connection) => unregisterClient(ctx, request, connection)],
    [RequestCode.CHECK_CLIENT_CONFIG, (request) => checkClientConfig(ctx, request)],
  ]);
}
