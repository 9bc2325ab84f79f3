import { MessageConst, SystemTopic } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { createUniqueId } from '../../common/message/message-id';
import { MessageSysFlag, setTransactionType } from '../../common/message/message-sysflag';
import { encodeStoredMessage } from '../../common/message/stored-message-format';
import type { MessageToStore } from '../../store/store-types';

/**
 * The messages a transaction makes the broker write, each built from a stored half message (spec/semantics.md §6,
 * Java `EndTransactionProcessor#endMessageTransaction`, `TransactionalMessageBridge`, `DefaultTransactionalMessageCheckListener`):
 *
 *   committed     REAL_TOPIC / REAL_QID, COMMIT_TYPE, preparedTransactionOffset = the half's commit-log offset,
 *                 without REAL_TOPIC, REAL_QID and TRAN_MSG
 *   op            RMQ_SYS_TRANS_OP_HALF_TOPIC, same queue as the half, tag `d`, body = the half's queue offset
 *                 in decimal ASCII, a fresh UNIQ_KEY: "this half message is done"
 *   renewed half  a copy appended to the half queue before each check-back (so the check position moves on)
 *   check max     a copy in TRANS_CHECK_MAX_TIME_TOPIC queue 0 once transactionCheckMax checks went unanswered
 */
export const OP_REMOVE_TAG = 'd';
export const TRANS_CHECK_MAX_TIME_QUEUE_NUMS = 1;

function copyOf(half: MessageExt, topic: string, queueId: number, properties: Map<string, string>): MessageToStore {
  return {
    topic,
    queueId,
    flag: half.flag,
    body: half.body,
    properties,
    sysFlag: half.sysFlag,
    bornTimestamp: half.bornTimestamp,
    bornHost: half.bornHost,
    storeHost: half.storeHost,
    reconsumeTimes: half.reconsumeTimes,
    preparedTransactionOffset: half.preparedTransactionOffset,
  };
}

/** The half message's real topic and queue, or undefined when its properties lost them. */
export function realDestination(half: MessageExt): { topic: string; queueId: number } | undefined {
  const topic = half.properties.get(MessageConst.REAL_TOPIC);
  const queueId = Number.parseInt(half.properties.get(MessageConst.REAL_QUEUE_ID) ?? '', 10);
  return topic && Number.isInteger(queueId) ? { topic, queueId } : undefined;
}

/** What END_TRANSACTION COMMIT stores in the real topic. */
export function committedMessage(half: MessageExt): MessageToStore | undefined {
  const destination = realDestination(half);
  if (!destination) return undefined;
  const properties = new Map(half.properties);
  properties.delete(MessageConst.REAL_TOPIC);
  properties.delete(MessageConst.REAL_QUEUE_ID);
  properties.delete(MessageConst.TRANSACTION_PREPARED);
  return {
    ...copyOf(half, destination.topic, destination.queueId, properties),
    sysFlag: setTransactionType(half.sysFlag, MessageSysFlag.TRANSACTION_COMMIT_TYPE),
    preparedTransactionOffset: half.commitLogOffset,
  };
}

/** The op record that marks the half message at `halfQueueOffset` of `queueId` as committed or rolled back. */
export function opMessage(halfQueueOffset: number, queueId: number, storeHost: string): MessageToStore {
  const properties = new Map<string, string>([
    [MessageConst.TAGS, OP_REMOVE_TAG],
    [MessageConst.WAIT_STORE_MSG_OK, 'false'],
    [MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX, createUniqueId()],
  ]);
  return {
    topic: SystemTopic.TRANS_OP_HALF_TOPIC,
    queueId,
    flag: 0,
    body: Buffer.from(String(halfQueueOffset), 'ascii'),
    properties,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: storeHost,
    storeHost,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

/**
 * A copy of the half message for the end of its half queue. `immunityOffset` (immunity re-put) records the queue
 * offset of the first copy in TRAN_PREPARED_QUEUE_OFFSET, so an op written for that offset still finds it.
 */
export function renewedHalfMessage(half: MessageExt, immunityOffset?: number): MessageToStore {
  const properties = new Map(half.properties);
  properties.set(MessageConst.WAIT_STORE_MSG_OK, 'false');
  if (immunityOffset !== undefined) properties.set(MessageConst.TRANSACTION_PREPARED_QUEUE_OFFSET, String(immunityOffset));
  return copyOf(half, half.topic, half.queueId, properties);
}

/** Where a half message goes after transactionCheckMax unanswered checks (≥ 4.6.0). */
export function checkMaxTimeMessage(half: MessageExt): MessageToStore {
  const properties = new Map(half.properties);
  properties.set(MessageConst.WAIT_STORE_MSG_OK, 'false');
  return copyOf(half, SystemTopic.TRANS_CHECK_MAX_TIME_TOPIC, 0, properties);
}

/** CHECK_TRANSACTION_STATE body: the half message in stored layout with its real topic and queue restored. */
export function checkRequestBody(half: MessageExt): Buffer {
  const destination = realDestination(half);
  return encodeStoredMessage({
    ...copyOf(half, destination?.topic ?? half.topic, destination?.queueId ?? half.queueId, half.properties),
    storeHost: half.storeHost,
    queueOffset: half.queueOffset,
    commitLogOffset: half.commitLogOffset,
    storeTimestamp: half.storeTimestamp,
    bodyCRC: half.bodyCRC,
  });
}
