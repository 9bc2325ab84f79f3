import { createLogger } from '../../common/logger';
import { MessageConst, retryTopicOf } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import type { ClientInstance } from '../instance/client-instance';
import { innerProducer, retryMessageOf } from './message-back';

const log = createLogger('consumer');

/**
 * An orderly consumer gives up on a message that reached maxReconsumeTimes (Java
 * `ConsumeMessageOrderlyService.sendMessageBack`, spec/semantics.md §5): it sends a copy to %RETRY%<group> through
 * the inner producer with RECONSUME_TIME = the message's current count (not +1) and MAX_RECONSUME_TIMES, so the
 * broker, seeing reconsumeTimes >= max on a retry-topic send, stores it in %DLQ%<group>. False when the send failed.
 */
export async function sendOrderlyMessageToRetryTopic(
  instance: ClientInstance,
  group: string,
  message: MessageExt,
  maxReconsumeTimes: number,
): Promise<boolean> {
  const outgoing = retryMessageOf(group, message, maxReconsumeTimes);
  outgoing.properties.set(MessageConst.RECONSUME_TIME, String(message.reconsumeTimes));
  try {
    await innerProducer(instance).sendOutgoing(outgoing);
    return true;
  } catch (error) {
    log.warn(`sending ${message.uniqKey ?? message.msgId} to ${retryTopicOf(group)} failed; it is retried in place: ${(error as Error).message}`);
    return false;
  }
}
