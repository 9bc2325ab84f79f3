import { MessageConst, SystemTopic } from '../common/message/message-const';
import { getTransactionType, MessageSysFlag } from '../common/message/message-sysflag';
import type { MessageToStore } from './store-types';

/**
 * Delay levels at put (spec/store.md §3.2 step 1, semantics.md §4): a NOT_TYPE or COMMIT message with DELAY > 0 is
 * stored in SCHEDULE_TOPIC_XXXX, queue level − 1, with its real topic and queue saved in REAL_TOPIC / REAL_QID and the
 * level clamped to the highest configured one. The delivery service re-stores it when due (a later component).
 * Returns the message unchanged when no delay applies.
 */
export function applyDelayLevel(message: MessageToStore, maxDelayLevel: number): MessageToStore {
  const type = getTransactionType(message.sysFlag);
  if (type !== MessageSysFlag.TRANSACTION_NOT_TYPE && type !== MessageSysFlag.TRANSACTION_COMMIT_TYPE) return message;
  const raw = message.properties.get(MessageConst.DELAY_TIME_LEVEL);
  if (raw === undefined) return message;
  let level = Number.parseInt(raw, 10);
  if (!(level > 0) || maxDelayLevel <= 0) return message;
  if (level > maxDelayLevel) level = maxDelayLevel;
  const properties = new Map(message.properties);
  properties.set(MessageConst.DELAY_TIME_LEVEL, String(level));
  properties.set(MessageConst.REAL_TOPIC, message.topic);
  properties.set(MessageConst.REAL_QUEUE_ID, String(message.queueId));
  return { ...message, topic: SystemTopic.SCHEDULE_TOPIC, queueId: level - 1, properties };
}
