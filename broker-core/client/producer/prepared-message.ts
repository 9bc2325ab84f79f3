import { encodeBatchMessages } from '../../common/message/batch-format';
import { compressBody } from '../../common/message/compression';
import { isRetryTopic, MessageConst } from '../../common/message/message-const';
import { createUniqueId } from '../../common/message/message-id';
import { encodeMessageProperties } from '../../common/message/message-properties';
import { MessageSysFlag } from '../../common/message/message-sysflag';
import type { SendMessageRequestHeader } from '../../protocol/headers/send-message';
import { MQClientError } from '../client-error';
import type { MessageQueue } from '../message-queue';
import { checkBody, checkSendableTopic } from '../validators';
import type { OutgoingMessage } from './message';

/**
 * A message turned into what goes on the wire, once per send (retries reuse it, so the UNIQ_KEY stays the same):
 * Java `sendKernelImpl`'s preparation. Single messages get a UNIQ_KEY unless they carry one, and a zlib body with
 * sysflag bit 0 when the body reaches `compressOverBytes` (4.x style: compression type bits left 0). A retry-topic
 * message moves RECONSUME_TIME / MAX_RECONSUME_TIMES from its properties into the header. A batch is one request
 * whose body holds every message (batch-format.ts); each inner message has its own UNIQ_KEY.
 */
export interface PreparedMessage {
  topic: string;
  body: Buffer;
  sysFlag: number;
  flag: number;
  /** Encoded properties text for the header. */
  properties: string;
  /** UNIQ_KEY, or the comma-joined keys of a batch. */
  uniqMsgId: string;
  batch: boolean;
  reconsumeTimes?: number;
  maxReconsumeTimes?: number;
}

export interface PrepareOptions {
  maxMessageSize: number;
  compressOverBytes: number;
  compressLevel: number;
}

export function prepareMessage(message: OutgoingMessage, options: PrepareOptions): PreparedMessage {
  checkSendableTopic(message.topic);
  checkBody(message.body, options.maxMessageSize);
  const properties = new Map(message.properties);
  let uniqMsgId = properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  if (!uniqMsgId) {
    uniqMsgId = createUniqueId();
    properties.set(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, uniqMsgId);
  }
  let sysFlag = 0;
  let body = message.body;
  if (body.length >= options.compressOverBytes) {
    body = compressBody(body, options.compressLevel);
    sysFlag |= MessageSysFlag.COMPRESSED_FLAG;
  }
  if (properties.get(MessageConst.TRANSACTION_PREPARED) === 'true') sysFlag |= MessageSysFlag.TRANSACTION_PREPARED_TYPE;
  const prepared: PreparedMessage = { topic: message.topic, body, sysFlag, flag: message.flag, properties: '', uniqMsgId, batch: false };
  if (isRetryTopic(message.topic)) {
    const reconsumeTimes = properties.get(MessageConst.RECONSUME_TIME);
    if (reconsumeTimes !== undefined) {
      prepared.reconsumeTimes = Number(reconsumeTimes);
      properties.delete(MessageConst.RECONSUME_TIME);
    }
    const maxReconsumeTimes = properties.get(MessageConst.MAX_RECONSUME_TIMES);
    if (maxReconsumeTimes !== undefined) {
      prepared.maxReconsumeTimes = Number(maxReconsumeTimes);
      properties.delete(MessageConst.MAX_RECONSUME_TIMES);
    }
  }
  prepared.properties = encodeMessageProperties(properties);
  return prepared;
}

/** Java `MessageBatch.generateFromList` + `encode`: one topic, no delay, no retry topic, one WAIT value. */
export function prepareBatch(messages: readonly OutgoingMessage[], options: PrepareOptions): PreparedMessage {
  if (messages.length === 0) throw new MQClientError('the batch is empty');
  const first = messages[0];
  const wait = first.properties.get(MessageConst.WAIT_STORE_MSG_OK) ?? 'true';
  const records = messages.map((message) => {
    if (message.topic !== first.topic) throw new MQClientError('The topic of the messages in one batch should be the same');
    if (message.properties.has(MessageConst.DELAY_TIME_LEVEL)) throw new MQClientError('TimeDelayLevel is not supported for batching');
    if (isRetryTopic(message.topic)) throw new MQClientError('Retry Group is not supported for batching');
    if ((message.properties.get(MessageConst.WAIT_STORE_MSG_OK) ?? 'true') !== wait) {
      throw new MQClientError('The waitStoreMsgOK of the messages in one batch should the same');
    }
    checkBody(message.body, options.maxMessageSize);
    const properties = new Map(message.properties);
    if (!properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)) {
      properties.set(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, createUniqueId());
    }
    return { flag: message.flag, body: message.body, properties };
  });
  checkSendableTopic(first.topic);
  const body = encodeBatchMessages(records);
  checkBody(body, options.maxMessageSize);
  return {
    topic: first.topic,
    body,
    sysFlag: 0,
    flag: 0,
    properties: encodeMessageProperties([[MessageConst.WAIT_STORE_MSG_OK, wait]]),
    uniqMsgId: records.map((record) => record.properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX)).join(','),
    batch: true,
  };
}

export interface HeaderOptions {
  producerGroup: string;
  createTopicKey: string;
  defaultTopicQueueNums: number;
}

export function sendHeaderFor(prepared: PreparedMessage, mq: MessageQueue, options: HeaderOptions): SendMessageRequestHeader {
  return {
    producerGroup: options.producerGroup,
    topic: prepared.topic,
    defaultTopic: options.createTopicKey,
    defaultTopicQueueNums: options.defaultTopicQueueNums,
    queueId: mq.queueId,
    sysFlag: prepared.sysFlag,
    bornTimestamp: Date.now(),
    flag: prepared.flag,
    properties: prepared.properties,
    reconsumeTimes: prepared.reconsumeTimes ?? 0,
    unitMode: false,
    batch: prepared.batch,
    maxReconsumeTimes: prepared.maxReconsumeTimes,
    bname: mq.brokerName,
  };
}
