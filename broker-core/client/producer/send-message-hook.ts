import { createLogger } from '../../common/logger';
import type { MessageQueue } from '../message-queue';
import type { SendMode } from './send-kernel';
import type { SendResult } from './send-result';

const log = createLogger('producer');

/**
 * Hooks around every single-message send attempt (Java `SendMessageHook`, called by `sendKernelImpl`), used by
 * message tracing (trace/send-trace-hook.ts). `before` runs once the target broker is known; `after` runs with the
 * result, or with the error when the attempt failed. A hook that throws is logged and never fails the send.
 */
export interface SendMessageContext {
  producerGroup: string;
  topic: string;
  /** The message's properties as sent (TAGS, KEYS, UNIQ_KEY, DELAY, TRAN_MSG ...). */
  properties: ReadonlyMap<string, string>;
  /** Bytes of the body as sent (after compression, as Java measures it). */
  bodyLength: number;
  mq: MessageQueue;
  brokerAddr: string | undefined;
  mode: SendMode;
  sendResult?: SendResult;
  error?: Error;
  /** A hook's own state between `before` and `after` (Java mqTraceContext). */
  hookState?: unknown;
}

export interface SendMessageHook {
  readonly hookName: string;
  sendMessageBefore(context: SendMessageContext): void;
  sendMessageAfter(context: SendMessageContext): void;
}

export function runSendHooks(hooks: readonly SendMessageHook[], phase: 'before' | 'after', context: SendMessageContext): void {
  for (const hook of hooks) {
    try {
      if (phase === 'before') hook.sendMessageBefore(context);
      else hook.sendMessageAfter(context);
    } catch (error) {
      log.warn(`send hook ${hook.hookName} (${phase}) failed: ${(error as Error).message}`);
    }
  }
}
