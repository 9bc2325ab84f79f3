import { decodeOffsetMessageId, isOffsetMessageId } from '../../../common/message/message-id';
import { ConsumeMessageDirectlyResultRequestHeader, GetConsumerRunningInfoRequestHeader } from '../../../protocol/headers/admin-group';
import { versionDescription, Versions } from '../../../protocol/mq-version';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { RemotingTimeoutError, ResponseCodeError } from '../../../remoting/remoting-error';
import { createRequest, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';

/**
 * Admin requests the broker forwards to one consumer's connection and whose answer it returns as is
 * (spec/remoting.md §11.2, Java `AdminBrokerProcessor#callConsumer`): GET_CONSUMER_RUNNING_INFO (307) and
 * CONSUME_MESSAGE_DIRECTLY (309, with the stored message attached as body and the extField `brokerName`).
 */
export const CALL_CLIENT_TIMEOUT_MS = 10_000;

async function callConsumer(ctx: BrokerContext, request: RemotingCommand, group: string, clientId: string, body: Buffer | undefined, extFields: Record<string, string>): Promise<RemotingCommand> {
  const member = ctx.consumers.findChannel(group, clientId);
  if (!member) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The Consumer <${group}> <${clientId}> not online`);
  if (member.version < Versions.V3_1_8_SNAPSHOT) {
    throw new ResponseCodeError(
      ResponseCode.SYSTEM_ERROR,
      `The Consumer <${clientId}> Version <${versionDescription(member.version)}> too low to finish, please upgrade it to V3_1_8_SNAPSHOT`,
    );
  }
  const forwarded = createRequest(request.code, { extFields, body, serializeType: request.serializeType });
  try {
    const answer = await member.connection.invoke(forwarded, CALL_CLIENT_TIMEOUT_MS);
    return { ...answer, serializeType: request.serializeType };
  } catch (error) {
    if (error instanceof RemotingTimeoutError) {
      throw new ResponseCodeError(ResponseCode.CONSUME_MSG_TIMEOUT, `consumer <${group}> <${clientId}> Timeout: ${error.message}`);
    }
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `invoke consumer <${group}> <${clientId}> Exception: ${(error as Error).message}`);
  }
}

async function consumerRunningInfo(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = GetConsumerRunningInfoRequestHeader.decode(request.extFields);
  return callConsumer(ctx, request, header.consumerGroup, header.clientId, request.body, request.extFields ?? {});
}

async function consumeMessageDirectly(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = ConsumeMessageDirectlyResultRequestHeader.decode(request.extFields);
  if (!header.msgId || !isOffsetMessageId(header.msgId)) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `'${header.msgId ?? ''}' is not an offset message id`);
  }
  const found = await ctx.store.lookMessageByOffset(decodeOffsetMessageId(header.msgId).commitLogOffset);
  if (!found) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `can not find message by the id ${header.msgId}`);
  const extFields = { ...(request.extFields ?? {}), brokerName: ctx.config.brokerName };
  return callConsumer(ctx, request, header.consumerGroup, header.clientId ?? '', found.record, extFields);
}

export function consumerForwardProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => consumerRunningInfo(ctx, request)],
    [RequestCode.CONSUME_MESSAGE_DIRECTLY, (request) => consumeMessageDirectly(ctx, request)],
  ]);
}
