import { totalmem } from 'node:os';
import { readInt64 } from '../../common/message/int64';
import { encodeConsumerListBody } from '../../protocol/bodies/group-list';
import { GetConsumerListByGroupRequestHeader } from '../../protocol/headers/client-manage';
import {
  QueryConsumerOffsetRequestHeader,
  QueryConsumerOffsetResponseHeader,
  UpdateConsumerOffsetRequestHeader,
} from '../../protocol/headers/consumer-offset';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { MessageStore } from '../../store/message-store';
import type { BrokerContext } from '../broker-context';

/**
 * GET_CONSUMER_LIST_BY_GROUP (38), QUERY_CONSUMER_OFFSET (14), UPDATE_CONSUMER_OFFSET (15)
 * (spec/remoting.md §11.2, semantics.md §10.4, Java `ConsumerManageProcessor`).
 */
function consumerList(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { consumerGroup } = GetConsumerListByGroupRequestHeader.decode(request.extFields);
  const ids = ctx.consumers.getConsumerGroupInfo(consumerGroup)?.clientIds() ?? [];
  if (ids.length === 0) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `no consumer for this group, ${consumerGroup}`);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeConsumerListBody({ consumerIdList: ids }) });
}

/**
 * Whether the queue's message at `queueOffset` is out of page cache, as upstream judges it: more than
 * accessMessageInMemoryMaxRatio % of RAM behind the commit log's end. No consume-queue unit = not on disk.
 */
async function isOnDisk(store: MessageStore, topic: string, queueId: number, queueOffset: number): Promise<boolean> {
  const queue = store.consumeQueues.find(topic, queueId);
  if (!queue) return false;
  const unit = await queue.readUnits(queueOffset, 20);
  if (!unit || unit.length < 20) return false;
  const memory = (totalmem() || 24 * 1024 ** 3) * (store.config.accessMessageInMemoryMaxRatio / 100);
  return store.commitLogMaxOffset - readInt64(unit, 0) > memory;
}

async function queryConsumerOffset(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = QueryConsumerOffsetRequestHeader.decode(request.extFields);
  const offset = ctx.offsets.queryOffset(header.consumerGroup, header.topic, header.queueId);
  if (offset >= 0) {
    return createResponse(request, ResponseCode.SUCCESS, { extFields: QueryConsumerOffsetResponseHeader.encode({ offset }) });
  }
  // A new group on a young queue starts from 0 even with CONSUME_FROM_LAST_OFFSET (semantics.md §10.4).
  const minOffset = ctx.store.getMinOffsetInQueue(header.topic, header.queueId);
  if (header.setZeroIfNotFound !== false && minOffset <= 0 && !(await isOnDisk(ctx.store, header.topic, header.queueId, 0))) {
    return createResponse(request, ResponseCode.SUCCESS, { extFields: QueryConsumerOffsetResponseHeader.encode({ offset: 0 }) });
  }
  return createResponse(request, ResponseCode.QUERY_NOT_FOUND, { remark: 'Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first' });
}

function updateConsumerOffset(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const header = UpdateConsumerOffsetRequestHeader.decode(request.extFields);
  ctx.offsets.commitOffset(header.consumerGroup, header.topic, header.queueId, header.commitOffset);
  return createResponse(request, ResponseCode.SUCCESS);
}

export function consumerManageProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_CONSUMER_LIST_BY_GROUP, (request) => consumerList(ctx, request)],
    [RequestCode.QUERY_CONSUMER_OFFSET, (request) => queryConsumerOffset(ctx, request)],
    [RequestCode.UPDATE_CONSUMER_OFFSET, (request) => updateConsumerOffset(ctx, request)],
  ]);
}
