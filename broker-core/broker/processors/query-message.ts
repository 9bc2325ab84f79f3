import { QueryMessageRequestHeader, QueryMessageResponseHeader, UNIQUE_KEY_QUERY_KEY, ViewMessageRequestHeader } from '../../protocol/headers/query-message';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';
import { joinRecords } from './pull-response';

/**
 * QUERY_MESSAGE (12) by key or unique key over a time range, and VIEW_MESSAGE_BY_ID (33) by commit-log offset
 * (spec/remoting.md §11.3, Java `QueryMessageProcessor`). Bodies are stored records; the index compares hashes only,
 * so clients re-check keys.
 */
async function queryMessage(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = QueryMessageRequestHeader.decode(request.extFields);
  const uniqueKey = request.extFields?.[UNIQUE_KEY_QUERY_KEY] === 'true';
  const maxNum = uniqueKey ? ctx.config.defaultQueryMaxNum : header.maxNum;
  const result = await ctx.store.queryMessage(header.topic, header.key, maxNum, header.beginTimestamp, header.endTimestamp);
  const extFields = QueryMessageResponseHeader.encode({
    indexLastUpdateTimestamp: result.indexLastUpdateTimestamp,
    indexLastUpdatePhyoffset: result.indexLastUpdatePhyoffset,
  });
  if (result.messages.length === 0) {
    return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'can not find message, maybe time range not correct', extFields });
  }
  return createResponse(request, ResponseCode.SUCCESS, { extFields, body: joinRecords(result.messages) });
}

async function viewMessageById(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const { offset } = ViewMessageRequestHeader.decode(request.extFields);
  const found = await ctx.store.lookMessageByOffset(offset);
  if (!found) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `can not find message by the offset, ${offset}`);
  return createResponse(request, ResponseCode.SUCCESS, { body: found.record });
}

export function queryMessageProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.QUERY_MESSAGE, (request) => queryMessage(ctx, request)],
    [RequestCode.VIEW_MESSAGE_BY_ID, (request) => viewMessageById(ctx, request)],
  ]);
}
