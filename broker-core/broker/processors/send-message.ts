import { decodeBatchMessages, BatchDecodeError } from '../../common/message/batch-format';
import { MAX_TOPIC_LENGTH, MessageConst, RETRY_GROUP_TOPIC_PREFIX } from '../../common/message/message-const';
import { createUniqueId } from '../../common/message/message-id';
import { decodeMessageProperties, type MessageProperties } from '../../common/message/message-properties';
import {
  SEND_RESPONSE_REGION_KEY,
  SEND_RESPONSE_TRACE_KEY,
  sendHeaderFromV2,
  SendMessageRequestHeader,
  SendMessageRequestHeaderV2,
  SendMessageResponseHeader,
} from '../../protocol/headers/send-message';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { Connection } from '../../remoting/connection';
import type { RequestHandler } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import type { MessageToStore, PutMessageResult } from '../../store/store-types';
import type { BrokerContext } from '../broker-context';
import { isTransactionalHalf, toHalfMessage } from '../transaction/half-message';
import { putOutcome, recordStoredPut } from './put-result';
import { checkSend, retryOrDeadLetterTarget, storedSysFlag } from './send-message-check';

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320)
 * (spec/remoting.md §11.1). The hot path: header decode, checks, one properties parse, one store put; bodies are
 * passed through as the slices the frame decoder produced.
 */
function decodeSendHeader(request: RemotingCommand): SendMessageRequestHeader {
  if (request.code === RequestCode.SEND_MESSAGE) {
    return SendMessageRequestHeader.decode(request.extFields);
  }
  return sendHeaderFromV2(SendMessageRequestHeaderV2.decode(request.extFields));
}

function checkAcceptingSends(ctx: BrokerContext): void {
  const from = ctx.config.startAcceptSendRequestTimeStamp;
  if (Date.now() < from) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `broker unable to service, until ${new Date(from).toISOString()}`);
  }
}

/**
 * Records the put's stats and builds the answer, mapping the store status once. The answer names `queueId`: the queue
 * the producer chose, also for a half message stored in the half topic's queue 0.
 */
function respond(ctx: BrokerContext, request: RemotingCommand, topic: string, result: PutMessageResult, queueId: number, transactionId: string | undefined): RemotingCommand {
  const outcome = putOutcome(result);
  const append = result.appendResult;
  if (!outcome.stored || !append) return createResponse(request, outcome.code, { remark: outcome.remark });
  recordStoredPut(ctx.stats, topic, append);
  return createResponse(request, outcome.code, {
    extFields: {
      ...SendMessageResponseHeader.encode({ msgId: append.msgId, queueId, queueOffset: append.queueOffset, transactionId }),
      [SEND_RESPONSE_REGION_KEY]: ctx.config.regionId,
      [SEND_RESPONSE_TRACE_KEY]: String(ctx.config.traceOn),
    },
  });
}

function randomQueue(writeQueueNums: number): number {
  return Math.floor(Math.random() * Math.max(1, writeQueueNums));
}

async function sendMessage(ctx: BrokerContext, request: RemotingCommand, connection: Connection): Promise<RemotingCommand> {
  checkAcceptingSends(ctx);
  const header = decodeSendHeader(request);
  const topicConfig = checkSend(ctx, header, connection.remoteAddress);
  const queueId = header.queueId < 0 ? randomQueue(topicConfig.writeQueueNums) : header.queueId;
  const target = retryOrDeadLetterTarget(ctx, header, request.version, { topic: header.topic, queueId, topicConfig, toDeadLetterQueue: false });
  const properties = decodeMessageProperties(header.properties);
  if (target.toDeadLetterQueue) properties.delete(MessageConst.DELAY_TIME_LEVEL);
  properties.set(MessageConst.CLUSTER, ctx.config.brokerClusterName);
  const uniqKey = uniqueKeyOf(properties);
  let message: MessageToStore = {
    topic: target.topic,
    queueId: target.queueId,
    flag: header.flag,
    body: request.body ?? Buffer.alloc(0),
    properties,
    sysFlag: storedSysFlag(header.sysFlag, target.topicConfig),
    bornTimestamp: header.bornTimestamp,
    bornHost: connection.remoteAddress,
    reconsumeTimes: header.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
  };
  if (isTransactionalHalf(message)) {
    if (ctx.config.rejectTransactionMessage) {
      throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the broker[${ctx.config.brokerIP1}] sending transaction message is forbidden`);
    }
    message = toHalfMessage(message);
  }
  const result = await ctx.store.putMessage(message);
  return respond(ctx, request, message.topic, result, target.queueId, uniqKey);
}

/** The message's UNIQ_KEY; the broker adds one when the producer did not (as upstream does). */
function uniqueKeyOf(properties: MessageProperties): string {
  let uniqKey = properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (uniqKey === undefined) {
    uniqKey = createUniqueId();
    properties.set(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqKey);
  }
  return uniqKey;
}

async function sendBatchMessage(ctx: BrokerContext, request: RemotingCommand, connection: Connection): Promise<RemotingCommand> {
  checkAcceptingSends(ctx);
  const header = decodeSendHeader(request);
  if (header.topic.length > MAX_TOPIC_LENGTH) {
    throw new ResponseCodeError(ResponseCode.MESSAGE_ILLEGAL, `message topic length too long ${header.topic.length}`);
  }
  const topicConfig = checkSend(ctx, header, connection.remoteAddress);
  if (header.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) {
    throw new ResponseCodeError(ResponseCode.MESSAGE_ILLEGAL, `batch request does not support retry group ${header.topic}`);
  }
  let messages;
  try {
    messages = decodeBatchMessages(request.body ?? Buffer.alloc(0));
  } catch (error) {
    if (error instanceof BatchDecodeError) throw new ResponseCodeError(ResponseCode.MESSAGE_ILLEGAL, `the batch body is malformed: ${error.message}`);
    throw error;
  }
  for (const message of messages) uniqueKeyOf(message.properties);
  const batchProperties = decodeMessageProperties(header.properties);
  batchProperties.set(MessageConst.CLUSTER, ctx.config.brokerClusterName);
  const queueId = header.queueId < 0 ? randomQueue(topicConfig.writeQueueNums) : header.queueId;
  const result = await ctx.store.putMessages({
    topic: header.topic,
    queueId,
    sysFlag: storedSysFlag(header.sysFlag, topicConfig),
    bornTimestamp: header.bornTimestamp,
    bornHost: connection.remoteAddress,
    reconsumeTimes: header.reconsumeTimes ?? 0,
    messages,
    batchProperties,
  });
  return respond(ctx, request, header.topic, result, queueId, undefined);
}

export function sendMessageProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  const single: RequestHandler = (request, connection) => sendMessage(ctx, request, connection);
  return new Map<number, RequestHandler>([
    [RequestCode.SEND_MESSAGE, single],
    [RequestCode.SEND_MESSAGE_V2, single],
    [RequestCode.SEND_BATCH_MESSAGE, (request, connection) => sendBatchMessage(ctx, request, connection)],
  ]);
}
