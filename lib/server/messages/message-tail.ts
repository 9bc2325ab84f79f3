import { pullMessages } from '../../../broker-core/client/admin/message-queries';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { subscribeQueuesOf } from '../../../broker-core/client/consumer/subscribe-queues';
import { maxOffset } from '../../../broker-core/client/instance/queue-offsets';
import { sortMessageQueues, type MessageQueue } from '../../../broker-core/client/message-queue';
import type { TailEvent } from '../../validations/message-query';
import { toMessageSummary } from './message-view';

/**
 * A live tail of a topic: start at every queue's end, then pull what arrives every TAIL_INTERVAL_MS (as the tools
 * consumer, no offsets committed) and hand it on. Bounded: at most MAX_PER_TICK messages per tick leave the server,
 * the rest of a burst is skipped (counted, so the page can say so). Routes are re-read every ROUTE_REFRESH_MS so
 * queues added to the topic join the tail. Stops when `signal` aborts.
 */
export const TAIL_INTERVAL_MS = 500;
export const MAX_PER_TICK = 100;
const ROUTE_REFRESH_MS = 10_000;
const PULL_BATCH = 32;

export interface TailHandlers {
  onMessages(event: TailEvent): void;
  onError(message: string): void;
}

export function startTail(admin: MQAdmin, topic: string, handlers: TailHandlers, signal: AbortSignal): void {
  const positions = new Map<string, { mq: MessageQueue; offset: number }>();
  let routesReadAt = 0;
  let lastError: string | undefined;

  const refreshQueues = async () => {
    const route = await admin.examineTopicRouteInfo(topic);
    for (const mq of sortMessageQueues(subscribeQueuesOf(topic, route))) {
      const key = `${mq.brokerName}/${mq.queueId}`;
      if (!positions.has(key)) positions.set(key, { mq, offset: await maxOffset(admin.instance, mq) });
    }
    routesReadAt = Date.now();
  };

  const tick = async () => {
    if (Date.now() - routesReadAt > ROUTE_REFRESH_MS) await refreshQueues();
    const summaries: TailEvent['messages'] = [];
    let skipped = 0;
    for (const position of positions.values()) {
      if (signal.aborted) return;
      const { messages, nextOffset } = await pullMessages(admin, position.mq, position.offset, PULL_BATCH);
      for (const message of messages) {
        if (summaries.length < MAX_PER_TICK) summaries.push(toMessageSummary(message));
        else skipped++;
      }
      if (messages.length > 0) position.offset = messages[messages.length - 1].queueOffset + 1;
      else if (nextOffset > position.offset) position.offset = nextOffset;
      // A burst larger than one batch: jump to the end rather than fall behind for ever.
      if (messages.length === PULL_BATCH) {
        const end = await maxOffset(admin.instance, position.mq);
        skipped += Math.max(0, end - position.offset);
        position.offset = Math.max(position.offset, end);
      }
    }
    summaries.sort((a, b) => a.storeTimestamp - b.storeTimestamp);
    if (summaries.length > 0 || skipped > 0) handlers.onMessages({ messages: summaries, skipped });
  };

  const loop = async () => {
    while (!signal.aborted) {
      try {
        await tick();
        lastError = undefined;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastError) handlers.onError(message); // said once, not every half second
        lastError = message;
      }
      await sleepUnlessAborted(TAIL_INTERVAL_MS, signal);
    }
  };
  void loop();
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
