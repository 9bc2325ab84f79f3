import { MessageConst } from '../../common/message/message-const';
import type { SendMessageContext, SendMessageHook } from '../producer/send-message-hook';
import type { TraceDispatcher } from './trace-dispatcher';
import type { TraceContext, TraceMessageType } from './trace-format';

/** Java's delivery-time property of timed messages (a Delay_Msg for tracing). */
const START_DELIVER_TIME = '__STARTDELIVERTIME';

/** The trace msgType of a message being sent (Java `sendKernelImpl` sets it on the hook context). */
export function traceMessageTypeOf(properties: ReadonlyMap<string, string>): TraceMessageType {
  if (properties.get(MessageConst.TRANSACTION_PREPARED) === 'true') return 'Trans_Msg_Half';
  if (properties.has(MessageConst.DELAY_TIME_LEVEL) || properties.has(START_DELIVER_TIME)) return 'Delay_Msg';
  return 'Normal_Msg';
}

/**
 * A producer's Pub traces (Java `SendMessageTraceHookImpl`): the context opens before the send (its timestamp is the
 * send start); after a sync or async send that the broker answered, it records the cost, SEND_OK or not, the
 * region, both message ids and the broker address. Sends to the trace topic itself, oneway sends (no result), and
 * brokers that answered TRACE_ON=false are not traced.
 */
export class SendTraceHook implements SendMessageHook {
  readonly hookName = 'SendMessageTraceHook';

  constructor(private readonly dispatcher: TraceDispatcher) {}

  sendMessageBefore(context: SendMessageContext): void {
    if (context.topic.startsWith(this.dispatcher.traceTopic)) return;
    const trace: TraceContext = {
      traceType: 'Pub',
      timestamp: Date.now(),
      groupName: context.producerGroup,
      costTime: 0,
      success: true,
      contextCode: 0,
      beans: [
        {
          topic: context.topic,
          tags: context.properties.get(MessageConst.TAGS),
          keys: context.properties.get(MessageConst.KEYS),
          storeHost: context.brokerAddr,
          bodyLength: context.bodyLength,
          msgType: traceMessageTypeOf(context.properties),
        },
      ],
    };
    context.hookState = trace;
  }

  sendMessageAfter(context: SendMessageContext): void {
    const trace = context.hookState as TraceContext | undefined;
    const result = context.sendResult;
    if (!trace || trace.traceType !== 'Pub' || !result || !result.traceOn) return;
    const costTime = Date.now() - trace.timestamp;
    const bean = trace.beans[0];
    trace.costTime = costTime;
    trace.success = result.sendStatus === 'SEND_OK';
    trace.regionId = result.regionId;
    bean.msgId = result.msgId;
    bean.offsetMsgId = result.offsetMsgId;
    bean.storeTime = trace.timestamp + Math.floor(costTime / 2);
    this.dispatcher.append(trace);
  }
}
