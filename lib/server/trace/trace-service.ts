import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { buildMessageTrace, queryTraceByKey, queryTraceByMessageId, type MessageTrace, type TraceEvent } from '../../../broker-core/client/admin/trace-query';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import type { MessageTraceView, TraceEventView, TraceQuery, TraceResult } from '../../validations/message-query';
import { asResponseCodeError } from '../error-kinds';

/**
 * The Trace page's server side, over broker-core's trace query (client/admin/trace-query.ts): by message id one
 * trace, by key one trace per message id found. A missing trace topic is an empty answer with a flag, not an error.
 */
export interface TraceService {
  query(query: TraceQuery): Promise<TraceResult>;
}

export function createTraceService(admin: (clusterId: string) => MQAdmin): TraceService {
  return {
    async query({ cluster, msgId, key, traceTopic }) {
      const target = admin(cluster);
      try {
        if (msgId !== undefined) {
          const trace = await queryTraceByMessageId(target, msgId.toUpperCase(), traceTopic);
          return { traceTopic, traces: trace.events.length > 0 ? [traceView(trace)] : [], traceTopicMissing: false };
        }
        const events = await queryTraceByKey(target, key ?? '', traceTopic);
        const byMessage = new Map<string, TraceEvent[]>();
        for (const event of events) if (event.msgId) byMessage.set(event.msgId, [...(byMessage.get(event.msgId) ?? []), event]);
        return { traceTopic, traces: [...byMessage].map(([id, list]) => traceView(buildMessageTrace(id, list))), traceTopicMissing: false };
      } catch (error) {
        if (asResponseCodeError(error)?.code === ResponseCode.TOPIC_NOT_EXIST) return { traceTopic, traces: [], traceTopicMissing: true };
        throw error;
      }
    },
  };
}

function eventView(event: TraceEvent): TraceEventView {
  return {
    traceType: event.traceType,
    timestamp: event.timestamp,
    ...defined({ groupName: event.groupName, msgId: event.msgId, offsetMsgId: event.offsetMsgId, topic: event.topic, tags: event.tags, keys: event.keys, storeHost: event.storeHost }),
    ...defined({ retryTimes: event.retryTimes, bodyLength: event.bodyLength, msgType: event.msgType, transactionState: event.transactionState }),
    costTime: event.costTime,
    status: event.status,
    clientHost: event.clientHost,
  };
}

function traceView(trace: MessageTrace): MessageTraceView {
  return {
    msgId: trace.msgId,
    ...(trace.pub ? { pub: eventView(trace.pub) } : {}),
    endTransactions: trace.endTransactions.map(eventView),
    consumes: trace.consumes.map((consume) => ({
      clientHost: consume.clientHost,
      beginTimestamp: consume.beginTimestamp,
      status: consume.status,
      retryTimes: consume.retryTimes,
      ...defined({ groupName: consume.groupName, endTimestamp: consume.endTimestamp, costTime: consume.costTime }),
    })),
    events: trace.events.map(eventView),
  };
}

/** The object without its undefined members (zod's optional fields, and JSON without nulls). */
function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
