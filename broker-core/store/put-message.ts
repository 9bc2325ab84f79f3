import { MAX_TOPIC_LENGTH, MessageConst } from '../common/message/message-const';
import { encodeMessageProperties } from '../common/message/message-properties';
import { getTransactionType, isPreparedOrRollback, MessageSysFlag } from '../common/message/message-sysflag';
import { MessageEncodeError, prepareStoredMessage, type PreparedStoredMessage } from '../common/message/stored-message-format';
import type { AppendRequest } from './commit-log';
import { applyDelayLevel } from './delay-rewrite';
import type { MessageStoreConfig } from './message-store-config';
import type { MessageBatchToStore, MessageToStore, PutMessageStatus } from './store-types';

/**
 * Validation of a put, done before the writer sees it (spec/store.md §3.2 step 1, §13): delay re-targeting, size
 * limits, and each record measured (`prepareStoredMessage`) so the commit log can encode it straight into its group
 * buffer and patch the fields only it knows.
 */
const RECORD_SLACK = 64 * 1024;

export type PreparedAppend = { ok: true; request: AppendRequest; waitForFlush: boolean; topic: string; storeHost: string } | { ok: false; status: PutMessageStatus; remark: string };

function refuse(status: PutMessageStatus, remark: string): PreparedAppend {
  return { ok: false, status, remark };
}

function prepareOrRefuse(prepare: () => PreparedStoredMessage): PreparedStoredMessage | PreparedAppend {
  try {
    return prepare();
  } catch (error) {
    if (error instanceof MessageEncodeError) {
      return refuse(error.reason === 'PROPERTIES_SIZE_EXCEEDED' ? 'PROPERTIES_SIZE_EXCEEDED' : 'MESSAGE_ILLEGAL', error.message);
    }
    return refuse('MESSAGE_ILLEGAL', (error as Error).message);
  }
}

function isPrepared(value: PreparedStoredMessage | PreparedAppend): value is PreparedStoredMessage {
  return 'propertiesText' in value;
}

export function prepareSingle(original: MessageToStore, config: MessageStoreConfig, maxDelayLevel: number, defaultStoreHost: string): PreparedAppend {
  if (original.topic.length > MAX_TOPIC_LENGTH) return refuse('MESSAGE_ILLEGAL', `topic longer than ${MAX_TOPIC_LENGTH} characters`);
  if (original.body.length > config.maxMessageSize) {
    return refuse('MESSAGE_ILLEGAL', `message body of ${original.body.length} bytes exceeds maxMessageSize ${config.maxMessageSize}`);
  }
  const message = applyDelayLevel(original, maxDelayLevel);
  const storeHost = message.storeHost ?? defaultStoreHost;
  const record = prepareOrRefuse(() =>
    prepareStoredMessage({
      topic: message.topic,
      queueId: message.queueId,
      flag: message.flag,
      body: message.body,
      properties: message.properties,
      sysFlag: message.sysFlag,
      bornTimestamp: message.bornTimestamp,
      bornHost: message.bornHost,
      storeHost,
      reconsumeTimes: message.reconsumeTimes,
      preparedTransactionOffset: message.preparedTransactionOffset,
    }),
  );
  if (!isPrepared(record)) return record;
  if (record.length > config.maxMessageSize + RECORD_SLACK) {
    return refuse('MESSAGE_ILLEGAL', `message of ${record.length} bytes exceeds maxMessageSize ${config.maxMessageSize} + 64 KiB`);
  }
  return {
    ok: true,
    topic: message.topic,
    storeHost,
    waitForFlush: message.properties.get(MessageConst.WAIT_STORE_MSG_OK) !== 'false',
    request: {
      records: [record],
      totalBytes: record.length,
      topic: message.topic,
      queueId: message.queueId,
      assignQueueOffset: !isPreparedOrRollback(message.sysFlag),
    },
  };
}

export function prepareBatch(batch: MessageBatchToStore, config: MessageStoreConfig, defaultStoreHost: string): PreparedAppend {
  if (batch.topic.length > MAX_TOPIC_LENGTH) return refuse('MESSAGE_ILLEGAL', `topic longer than ${MAX_TOPIC_LENGTH} characters`);
  if (batch.messages.length === 0) return refuse('MESSAGE_ILLEGAL', 'empty batch');
  if (getTransactionType(batch.sysFlag) !== MessageSysFlag.TRANSACTION_NOT_TYPE) return refuse('MESSAGE_ILLEGAL', 'batch messages cannot be transactional');
  const delayed = (properties: Map<string, string> | undefined) => Number.parseInt(properties?.get(MessageConst.DELAY_TIME_LEVEL) ?? '0', 10) > 0;
  if (delayed(batch.batchProperties) || batch.messages.some((message) => delayed(message.properties))) {
    return refuse('MESSAGE_ILLEGAL', 'batch messages cannot have a delay level');
  }
  const bodyBytes = batch.messages.reduce((sum, message) => sum + message.body.length, 0);
  if (bodyBytes > config.maxMessageSize) return refuse('MESSAGE_ILLEGAL', `batch body of ${bodyBytes} bytes exceeds maxMessageSize ${config.maxMessageSize}`);

  const storeHost = batch.storeHost ?? defaultStoreHost;
  const batchText = encodeMessageProperties(batch.batchProperties);
  const records: PreparedStoredMessage[] = [];
  let totalBytes = 0;
  for (const message of batch.messages) {
    // prepareStoredMessage measures the properties and refuses (PROPERTIES_SIZE_EXCEEDED) past MAX_PROPERTIES_LENGTH.
    const properties = encodeMessageProperties(message.properties) + batchText;
    const record = prepareOrRefuse(() =>
      prepareStoredMessage({
        topic: batch.topic,
        queueId: batch.queueId,
        flag: message.flag,
        body: message.body,
        properties,
        sysFlag: batch.sysFlag,
        bornTimestamp: batch.bornTimestamp,
        bornHost: batch.bornHost,
        storeHost,
        reconsumeTimes: batch.reconsumeTimes ?? 0,
        preparedTransactionOffset: 0,
      }),
    );
    if (!isPrepared(record)) return record;
    records.push(record);
    totalBytes += record.length;
  }
  return {
    ok: true,
    topic: batch.topic,
    storeHost,
    waitForFlush: batch.batchProperties?.get(MessageConst.WAIT_STORE_MSG_OK) !== 'false',
    request: { records, totalBytes, topic: batch.topic, queueId: batch.queueId, assignQueueOffset: true },
  };
}
