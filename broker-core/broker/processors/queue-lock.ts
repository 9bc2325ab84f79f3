import { decodeLockBatchRequestBody, decodeUnlockBatchRequestBody, encodeLockBatchResponseBody } from '../../protocol/bodies/lock-batch';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { BrokerContext } from '../broker-context';

/** LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42) of orderly consumers (spec/remoting.md §11.2, semantics.md §10.6). */
function body<T>(request: RemotingCommand, decode: (body: Buffer) => T): T {
  try {
    return decode(request.body ?? Buffer.alloc(0));
  } catch (error) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, (error as Error).message);
  }
}

export function queueLockProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.LOCK_BATCH_MQ,
      (request) => {
        const { consumerGroup, clientId, mqSet } = body(request, decodeLockBatchRequestBody);
        const lockOKMQSet = ctx.locks.tryLockBatch(consumerGroup, mqSet, clientId);
        return createResponse(request, ResponseCode.SUCCESS, { body: encodeLockBatchResponseBody({ lockOKMQSet }) });
      },
    ],
    [
      RequestCode.UNLOCK_BATCH_MQ,
      (request) => {
        const { consumerGroup, clientId, mqSet } = body(request, decodeUnlockBatchRequestBody);
        ctx.locks.unlockBatch(consumerGroup, mqSet, clientId);
        return createResponse(request, ResponseCode.SUCCESS);
      },
    ],
  ]);
}
