import { createUniqueId } from '../../common/message/message-id';
import { MessageConst } from '../../common/message/message-const';
import { CONSUME_RETURN_TYPES, type ConsumeMessageContext, type ConsumeMessageHook } from '../consumer/consume-message-hook';
import type { TraceDispatcher } from './trace-dispatcher';
import type { TraceBean, TraceContext } from './trace-format';

/**
 * A push consumer's SubBefore / SubAfter traces (Java `ConsumeMessageTraceHookImpl`): before a callback, one SubBefore
 * context for the batch (a new requestId, the start time, each message's id, keys and retry count; messages with
 * TRACE_ON=false are left out); after it, a SubAfter with the same requestId, the cost per message, success and
 * the ConsumeReturnType ordinal as contextCode.
 */
export class ConsumeTraceHook implements ConsumeMessageHook {
  readonly hookName = 'ConsumeMessageTraceHook';

  constructor(private readonly dispatcher: TraceDispatcher) {}

  consumeMessageBefore(context: ConsumeMessageContext): void {
    if (context.messages.length === 0) return;
    const beans: TraceBean[] = [];
    let regionId: string | undefined;
    for (const message of context.messages) {
      if (message.properties.get(MessageConst.TRACE_SWITCH) === 'false') continue;
      regionId = message.properties.get(MessageConst.MSG_REGION);
      beans.push({
        topic: message.topic,
        msgId: message.uniqKey ?? message.msgId,
        tags: message.tags,
        keys: message.keys,
        storeTime: message.storeTimestamp,
        bodyLength: message.storeSize,
        retryTimes: message.reconsumeTimes,
      });
    }
    if (beans.length === 0) return;
    const before: TraceContext = {
      traceType: 'SubBefore',
      timestamp: Date.now(),
      regionId,
      groupName: context.consumerGroup,
      requestId: createUniqueId(),
      costTime: 0,
      success: true,
      contextCode: 0,
      beans,
    };
    context.hookState = before;
    this.dispatcher.append(before);
  }

  consumeMessageAfter(context: ConsumeMessageContext): void {
    const before = context.hookState as TraceContext | undefined;
    if (!before || before.traceType !== 'SubBefore' || context.messages.length === 0) return;
    const now = Date.now();
    this.dispatcher.append({
      traceType: 'SubAfter',
      timestamp: now,
      regionId: before.regionId,
      groupName: before.groupName,
      requestId: before.requestId,
      costTime: Math.floor((now - before.timestamp) / context.messages.length),
      success: context.success ?? false,
      contextCode: Math.max(0, CONSUME_RETURN_TYPES.indexOf(context.returnType ?? 'SUCCESS')),
      beans: before.beans,
    });
  }
}
