import {
  GetEarliestMsgStoretimeRequestHeader,
  GetEarliestMsgStoretimeResponseHeader,
  GetMaxOffsetRequestHeader,
  GetMaxOffsetResponseHeader,
  GetMinOffsetRequestHeader,
  GetMinOffsetResponseHeader,
  SearchOffsetRequestHeader,
  SearchOffsetResponseHeader,
} from '../../protocol/headers/consumer-offset';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';

/**
 * Queue offset look-ups (spec/remoting.md §11.2): GET_MAX_OFFSET (30, the next offset to be written),
 * GET_MIN_OFFSET (31), GET_EARLIEST_MSG_STORETIME (32), SEARCH_OFFSET_BY_TIMESTAMP (29).
 */
export function queueOffsetProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.GET_MAX_OFFSET,
      (request) => {
        const { topic, queueId } = GetMaxOffsetRequestHeader.decode(request.extFields);
        const offset = ctx.store.getMaxOffsetInQueue(topic, queueId);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: GetMaxOffsetResponseHeader.encode({ offset }) });
      },
    ],
    [
      RequestCode.GET_MIN_OFFSET,
      (request) => {
        const { topic, queueId } = GetMinOffsetRequestHeader.decode(request.extFields);
        const offset = ctx.store.getMinOffsetInQueue(topic, queueId);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: GetMinOffsetResponseHeader.encode({ offset }) });
      },
    ],
    [
      RequestCode.GET_EARLIEST_MSG_STORETIME,
      async (request) => {
        const { topic, queueId } = GetEarliestMsgStoretimeRequestHeader.decode(request.extFields);
        const timestamp = await ctx.store.getEarliestMessageTime(topic, queueId);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: GetEarliestMsgStoretimeResponseHeader.encode({ timestamp }) });
      },
    ],
    [
      RequestCode.SEARCH_OFFSET_BY_TIMESTAMP,
      async (request) => {
        const { topic, queueId, timestamp } = SearchOffsetRequestHeader.decode(request.extFields);
        const offset = await ctx.store.getOffsetInQueueByTime(topic, queueId, timestamp);
        return createResponse(request, ResponseCode.SUCCESS, { extFields: SearchOffsetResponseHeader.encode({ offset }) });
      },
    ],
  ]);
}
