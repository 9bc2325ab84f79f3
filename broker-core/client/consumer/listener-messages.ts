import { MessageConst, retryTopicOf } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';

/**
 * What every consume service does to a batch right before the listener sees it (Java `resetRetryAndNamespace` +
 * CONSUME_START_TIMESTAMP): a message redelivered from %RETRY%<group> shows its original topic again, and carries
 * the time its consumption began.
 */
export function prepareForListener(batch: readonly MessageExt[], group: string, startedAt: number): void {
  const retryTopic = retryTopicOf(group);
  for (const message of batch) {
    const original = message.properties.get(MessageConst.RETRY_TOPIC);
    if (original !== undefined && message.topic === retryTopic) message.topic = original;
    message.properties.set(MessageConst.CONSUME_START_TIMESTAMP, String(startedAt));
  }
}

/** Java's consumeTimeout (15 min): a callback at least this long reports TIME_OUT to consume hooks. */
export const CONSUME_TIMEOUT_MS = 15 * 60_000;
