import { MessageConst, SystemTopic } from '../../common/message/message-const';
import { MessageSysFlag, setTransactionType } from '../../common/message/message-sysflag';
import type { MessageToStore } from '../../store/store-types';

/**
 * The first step of a transactional send (spec/semantics.md §6, Java `TransactionalMessageBridge#parseHalfMessageInner`):
 * a message with TRAN_MSG=true is stored as a half message in RMQ_SYS_TRANS_HALF_TOPIC queue 0, its real topic and
 * queue kept in REAL_TOPIC / REAL_QID and its transaction bits reset, so it gets a consume-queue unit there and stays
 * invisible to consumers of the real topic until END_TRANSACTION commits it.
 */
export function isTransactionalHalf(message: MessageToStore): boolean {
  const prepared = message.properties.get(MessageConst.TRANSACTION_PREPARED);
  if (prepared === undefined || prepared.toLowerCase() !== 'true') return false;
  const delayLevel = Number.parseInt(message.properties.get(MessageConst.DELAY_TIME_LEVEL) ?? '0', 10);
  return !(message.reconsumeTimes > 0 && delayLevel > 0);
}

export function toHalfMessage(message: MessageToStore): MessageToStore {
  const properties = new Map(message.properties);
  properties.set(MessageConst.REAL_TOPIC, message.topic);
  properties.set(MessageConst.REAL_QUEUE_ID, String(message.queueId));
  return {
    ...message,
    properties,
    sysFlag: setTransactionType(message.sysFlag, MessageSysFlag.TRANSACTION_NOT_TYPE),
    topic: SystemTopic.TRANS_HALF_TOPIC,
    queueId: 0,
  };
}
