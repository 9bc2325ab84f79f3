import { createLogger } from '../../common/logger';
import type { MessageExt } from '../../common/message/message-ext';
import type { MessageQueue } from '../message-queue';

const log = createLogger('consumer');

/**
 * Hooks around every consume callback (Java `ConsumeMessageHook`), used by message tracing (trace/): `before` sees
 * the batch about to be handed to the listener, `after` the same context with the outcome filled in. A hook that
 * throws is logged and never disturbs consumption.
 *
 * returnType (Java `ConsumeReturnType`, its ordinal is the trace's contextCode):
 *   SUCCESS 0, TIME_OUT 1, EXCEPTION 2, RETURNNULL 3, FAILED 4
 */
export const CONSUME_RETURN_TYPES = ['SUCCESS', 'TIME_OUT', 'EXCEPTION', 'RETURNNULL', 'FAILED'] as const;
export type ConsumeReturnType = (typeof CONSUME_RETURN_TYPES)[number];

export interface ConsumeMessageContext {
  consumerGroup: string;
  messageQueue: MessageQueue;
  messages: MessageExt[];
  /** Set before `after`: whether the listener consumed the batch. */
  success?: boolean;
  /** Set before `after`: the listener's status name. */
  status?: string;
  returnType?: ConsumeReturnType;
  /** A hook's own state between `before` and `after` (Java mqTraceContext). */
  hookState?: unknown;
}

export interface ConsumeMessageHook {
  readonly hookName: string;
  consumeMessageBefore(context: ConsumeMessageContext): void;
  consumeMessageAfter(context: ConsumeMessageContext): void;
}

export function runConsumeHooksBefore(hooks: readonly ConsumeMessageHook[], context: ConsumeMessageContext): void {
  for (const hook of hooks) {
    try {
      hook.consumeMessageBefore(context);
    } catch (error) {
      log.warn(`consume hook ${hook.hookName} (before) failed: ${(error as Error).message}`);
    }
  }
}

export function runConsumeHooksAfter(hooks: readonly ConsumeMessageHook[], context: ConsumeMessageContext): void {
  for (const hook of hooks) {
    try {
      hook.consumeMessageAfter(context);
    } catch (error) {
      log.warn(`consume hook ${hook.hookName} (after) failed: ${(error as Error).message}`);
    }
  }
}
