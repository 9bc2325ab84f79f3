import { MessageConst, SystemTopic } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { MessageStore } from '../../store/message-store';
import type { MessageToStore } from '../../store/store-types';

/**
 * What the schedule service stores when a delayed message is due (spec/semantics.md §4, Java
 * `ScheduleMessageService#messageTimeup`): a new record in REAL_TOPIC / REAL_QID with the same body, flag, sysflag,
 * born data, reconsumeTimes and properties, minus DELAY (REAL_TOPIC / REAL_QID stay), with WAIT=false. Undefined when
 * the message has no usable real destination (or would land in the half topic): it is dropped.
 */
export function deliveredMessage(scheduled: MessageExt): MessageToStore | undefined {
  const realTopic = scheduled.properties.get(MessageConst.REAL_TOPIC);
  const realQueueId = Number.parseInt(scheduled.properties.get(MessageConst.REAL_QUEUE_ID) ?? '', 10);
  if (!realTopic || !Number.isInteger(realQueueId) || realTopic === SystemTopic.TRANS_HALF_TOPIC) return undefined;
  const properties = new Map(scheduled.properties);
  properties.delete(MessageConst.DELAY_TIME_LEVEL);
  properties.set(MessageConst.WAIT_STORE_MSG_OK, 'false');
  return {
    topic: realTopic,
    queueId: realQueueId,
    flag: scheduled.flag,
    body: scheduled.body,
    properties,
    sysFlag: scheduled.sysFlag,
    bornTimestamp: scheduled.bornTimestamp,
    bornHost: scheduled.bornHost,
    reconsumeTimes: scheduled.reconsumeTimes,
    preparedTransactionOffset: scheduled.preparedTransactionOffset,
  };
}

/**
 * Whether a copy of `scheduled` already sits in its real topic: found through the index by `topic#UNIQ_KEY`, stored
 * after the scheduled record, same born timestamp, reconsumeTimes and REAL_TOPIC (earlier retries of one message share
 * its UNIQ_KEY but were stored before). Used after a restart to skip what was delivered
 * just before the broker stopped without writing delayOffset.json. False when the store keeps no index.
 */
export async function alreadyDelivered(store: MessageStore, scheduled: MessageExt): Promise<boolean> {
  const uniqKey = scheduled.properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
  const realTopic = scheduled.properties.get(MessageConst.REAL_TOPIC);
  if (!uniqKey || !realTopic) return false;
  const found = await store.queryMessage(realTopic, uniqKey, 32, scheduled.storeTimestamp, Number.MAX_SAFE_INTEGER);
  return found.messages.some((record) => {
    const copy = decodeStoredMessage(record);
    return (
      copy.topic === realTopic &&
      copy.commitLogOffset > scheduled.commitLogOffset &&
      copy.bornTimestamp === scheduled.bornTimestamp &&
      copy.reconsumeTimes === scheduled.reconsumeTimes &&
      copy.properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX) === uniqKey &&
      copy.properties.get(MessageConst.REAL_TOPIC) === realTopic &&
      !copy.properties.has(MessageConst.DELAY_TIME_LEVEL)
    );
  });
}
