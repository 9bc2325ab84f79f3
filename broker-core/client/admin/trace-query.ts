import { KEY_SEPARATOR } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import {
  decodeTraceData,
  DEFAULT_TRACE_TOPIC,
  type TraceContext,
  type TraceMessageType,
  type TraceType,
  type TransactionState,
} from '../trace/trace-format';
import { queryMessageByKey } from './message-queries';
import type { MQAdmin } from './mq-admin';

/**
 * A message's trace as the console's Trace page draws it (Java `QueryMsgTraceByIdSubCommand`, rocketmq-dashboard
 * `MessageTraceView` / `MessageTraceGraph`): the trace messages indexed under the message id (or a key) are read
 * from the trace topic, their records decoded (trace/trace-format.ts) and those about the message kept.
 *
 *  - one event per record, with the host that wrote it (`clientHost` = the trace message's born host);
 *  - `pub`: the publish (first Pub record; a re-sent message may have more, all are in `events`);
 *  - `consumes`: one entry per delivery to a group, SubBefore paired with its SubAfter by requestId: begin and end
 *    times, cost, success/failed ("unknown" while the SubAfter is missing), retry count.
 */
export interface TraceEvent {
  traceType: TraceType;
  timestamp: number;
  regionId?: string;
  groupName?: string;
  costTime: number;
  status: 'success' | 'failed';
  msgId?: string;
  offsetMsgId?: string;
  topic?: string;
  tags?: string;
  keys?: string;
  storeHost?: string;
  clientHost: string;
  retryTimes?: number;
  bodyLength?: number;
  msgType?: TraceMessageType;
  requestId?: string;
  contextCode: number;
  transactionId?: string;
  transactionState?: TransactionState;
  fromTransactionCheck?: boolean;
}

export interface ConsumeTrace {
  groupName?: string;
  requestId?: string;
  clientHost: string;
  beginTimestamp: number;
  endTimestamp?: number;
  costTime?: number;
  status: 'success' | 'failed' | 'unknown';
  retryTimes: number;
  contextCode?: number;
}

export interface MessageTrace {
  msgId: string;
  pub?: TraceEvent;
  endTransactions: TraceEvent[];
  consumes: ConsumeTrace[];
  /** Every record about the message, oldest first. */
  events: TraceEvent[];
}

function eventsOf(message: MessageExt, keep: (context: TraceContext) => boolean): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const context of decodeTraceData(message.body.toString('utf8'))) {
    if (!keep(context)) continue;
    const bean = context.beans[0] ?? {};
    events.push({
      traceType: context.traceType,
      timestamp: context.timestamp,
      regionId: context.regionId,
      groupName: context.groupName,
      costTime: context.costTime,
      status: context.success ? 'success' : 'failed',
      msgId: bean.msgId,
      offsetMsgId: bean.offsetMsgId,
      topic: bean.topic,
      tags: bean.tags,
      keys: bean.keys,
      storeHost: bean.storeHost,
      clientHost: bean.clientHost ?? message.bornHost,
      retryTimes: bean.retryTimes,
      bodyLength: bean.bodyLength,
      msgType: bean.msgType,
      requestId: context.requestId,
      contextCode: context.contextCode,
      transactionId: bean.transactionId,
      transactionState: bean.transactionState,
      fromTransactionCheck: bean.fromTransactionCheck,
    });
  }
  return events;
}

async function traceMessages(admin: MQAdmin, key: string, traceTopic: string): Promise<MessageExt[]> {
  return queryMessageByKey(admin, { topic: traceTopic, key, maxNum: 64 });
}

/** Every trace event whose message id is `msgId` (a client id, UNIQ_KEY), oldest first. */
export async function queryTraceEventsByMessageId(admin: MQAdmin, msgId: string, traceTopic = DEFAULT_TRACE_TOPIC): Promise<TraceEvent[]> {
  const messages = await traceMessages(admin, msgId, traceTopic);
  return messages.flatMap((message) => eventsOf(message, (context) => context.beans[0]?.msgId === msgId)).sort((a, b) => a.timestamp - b.timestamp);
}

/** Every trace event of messages carrying `key` among their keys, oldest first. */
export async function queryTraceByKey(admin: MQAdmin, key: string, traceTopic = DEFAULT_TRACE_TOPIC): Promise<TraceEvent[]> {
  const messages = await traceMessages(admin, key, traceTopic);
  const hasKey = (context: TraceContext) => (context.beans[0]?.keys ?? '').split(KEY_SEPARATOR).includes(key);
  return messages.flatMap((message) => eventsOf(message, hasKey)).sort((a, b) => a.timestamp - b.timestamp);
}

/** The publish and consumption history of one message (what the console's Trace page draws). */
export async function queryTraceByMessageId(admin: MQAdmin, msgId: string, traceTopic = DEFAULT_TRACE_TOPIC): Promise<MessageTrace> {
  const events = await queryTraceEventsByMessageId(admin, msgId, traceTopic);
  return buildMessageTrace(msgId, events);
}

export function buildMessageTrace(msgId: string, events: TraceEvent[]): MessageTrace {
  const consumes = new Map<string, ConsumeTrace>();
  const afters: TraceEvent[] = [];
  for (const event of events) {
    if (event.traceType === 'SubBefore') {
      consumes.set(event.requestId ?? `${consumes.size}`, {
        groupName: event.groupName,
        requestId: event.requestId,
        clientHost: event.clientHost,
        beginTimestamp: event.timestamp,
        status: 'unknown',
        retryTimes: event.retryTimes ?? 0,
      });
    } else if (event.traceType === 'SubAfter') afters.push(event);
  }
  for (const after of afters) {
    const consume = after.requestId !== undefined ? consumes.get(after.requestId) : undefined;
    if (!consume) continue;
    consume.endTimestamp = after.timestamp > 0 ? after.timestamp : undefined;
    consume.costTime = after.costTime;
    consume.status = after.status;
    consume.contextCode = after.contextCode;
    consume.groupName ??= after.groupName;
  }
  return {
    msgId,
    pub: events.find((event) => event.traceType === 'Pub'),
    endTransactions: events.filter((event) => event.traceType === 'EndTransaction'),
    consumes: [...consumes.values()].sort((a, b) => a.beginTimestamp - b.beginTimestamp),
    events,
  };
}
