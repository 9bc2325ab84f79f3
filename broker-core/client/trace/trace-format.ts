/**
 * Message trace records (spec/semantics.md §15; Java `TraceDataEncoder`, `TraceContext`, `TraceBean`). A trace
 * message body is a run of records; each record is its fields joined by CONTENT_SPLITOR (U+0001) and terminated by
 * FIELD_SPLITOR (U+0002). An absent value is written as the text `null` (and read back as absent).
 *
 *   Pub             Pub ␁ timestamp ␁ regionId ␁ groupName ␁ topic ␁ msgId ␁ tags ␁ keys ␁ storeHost ␁ bodyLength ␁
 *                   costTime ␁ msgType ␁ offsetMsgId ␁ success ␂          (readers accept 12/13 fields, and a 15th
 *                                                                          clientHost)
 *   SubBefore       SubBefore ␁ timestamp ␁ regionId ␁ groupName ␁ requestId ␁ msgId ␁ retryTimes ␁ keys ␂
 *                   (one record per message of the consumed batch)
 *   SubAfter        SubAfter ␁ requestId ␁ msgId ␁ costTime ␁ success ␁ keys ␁ contextCode ␁ timestamp ␁ groupName ␂
 *                   (one per message; readers accept 6-9 fields)
 *   EndTransaction  EndTransaction ␁ timestamp ␁ regionId ␁ groupName ␁ topic ␁ msgId ␁ tags ␁ keys ␁ storeHost ␁
 *                   msgType ␁ transactionId ␁ transactionState ␁ fromTransactionCheck ␂
 *
 * msgType is the ordinal of Normal_Msg 0, Trans_Msg_Half 1, Trans_msg_Commit 2, Delay_Msg 3; success and
 * fromTransactionCheck are `true`/`false`; transactionState is COMMIT_MESSAGE, ROLLBACK_MESSAGE or UNKNOW.
 * A trace message's KEYS are every record's msgId plus its keys, so traces are found by message id or key.
 */
export const CONTENT_SPLITOR = '\u0001';
export const FIELD_SPLITOR = '\u0002';
export const DEFAULT_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';
export const DEFAULT_TRACE_REGION_ID = 'DefaultRegion';

export type TraceType = 'Pub' | 'SubBefore' | 'SubAfter' | 'EndTransaction';
export const TRACE_MESSAGE_TYPES = ['Normal_Msg', 'Trans_Msg_Half', 'Trans_msg_Commit', 'Delay_Msg'] as const;
export type TraceMessageType = (typeof TRACE_MESSAGE_TYPES)[number];
export type TransactionState = 'COMMIT_MESSAGE' | 'ROLLBACK_MESSAGE' | 'UNKNOW';

export interface TraceBean {
  topic?: string;
  /** The client id (UNIQ_KEY) of the traced message. */
  msgId?: string;
  offsetMsgId?: string;
  tags?: string;
  keys?: string;
  storeHost?: string;
  clientHost?: string;
  storeTime?: number;
  retryTimes?: number;
  bodyLength?: number;
  msgType?: TraceMessageType;
  transactionId?: string;
  transactionState?: TransactionState;
  fromTransactionCheck?: boolean;
}

export interface TraceContext {
  traceType: TraceType;
  timestamp: number;
  regionId?: string;
  groupName?: string;
  /** Milliseconds (per message of the batch for consumption). */
  costTime: number;
  success: boolean;
  /** Pairs a SubBefore with its SubAfter. */
  requestId?: string;
  /** ConsumeReturnType ordinal (consume-message-hook.ts). */
  contextCode: number;
  beans: TraceBean[];
}

export interface TraceTransfer {
  data: string;
  keys: Set<string>;
}

const text = (value: string | number | boolean | undefined): string => (value === undefined ? 'null' : String(value));

function record(fields: Array<string | number | boolean | undefined>): string {
  return fields.map(text).join(CONTENT_SPLITOR) + FIELD_SPLITOR;
}

function msgTypeOrdinal(type: TraceMessageType | undefined): number | undefined {
  return type === undefined ? undefined : TRACE_MESSAGE_TYPES.indexOf(type);
}

/** Java `encoderFromContextBean`: the records of one context and the keys its trace message is indexed by. */
export function encodeTraceContext(ctx: TraceContext): TraceTransfer {
  let data = '';
  const first = ctx.beans[0];
  switch (ctx.traceType) {
    case 'Pub':
      if (first) {
        data = record([
          'Pub', ctx.timestamp, ctx.regionId, ctx.groupName, first.topic, first.msgId, first.tags, first.keys, first.storeHost,
          first.bodyLength, ctx.costTime, msgTypeOrdinal(first.msgType), first.offsetMsgId, ctx.success,
        ]);
      }
      break;
    case 'SubBefore':
      for (const bean of ctx.beans) {
        data += record(['SubBefore', ctx.timestamp, ctx.regionId, ctx.groupName, ctx.requestId, bean.msgId, bean.retryTimes, bean.keys]);
      }
      break;
    case 'SubAfter':
      for (const bean of ctx.beans) {
        data += record([
          'SubAfter', ctx.requestId, bean.msgId, ctx.costTime, ctx.success, bean.keys, ctx.contextCode, ctx.timestamp, ctx.groupName,
        ]);
      }
      break;
    case 'EndTransaction':
      if (first) {
        data = record([
          'EndTransaction', ctx.timestamp, ctx.regionId, ctx.groupName, first.topic, first.msgId, first.tags, first.keys, first.storeHost,
          msgTypeOrdinal(first.msgType), first.transactionId, first.transactionState, first.fromTransactionCheck,
        ]);
      }
      break;
  }
  const keys = new Set<string>();
  for (const bean of ctx.beans) {
    if (bean.msgId !== undefined) keys.add(bean.msgId);
    if (bean.keys !== undefined && bean.keys.length > 0) keys.add(bean.keys);
  }
  return { data, keys };
}

const str = (value: string | undefined): string | undefined => (value === undefined || value === 'null' ? undefined : value);

function int(value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(parsed)) throw new Error(`not a number: ${value}`);
  return parsed;
}

function msgTypeOf(value: string | undefined): TraceMessageType | undefined {
  return value === undefined || value === 'null' ? undefined : TRACE_MESSAGE_TYPES[int(value)];
}

function decodeRecord(line: string[]): TraceContext | undefined {
  const base = { costTime: 0, success: true, contextCode: 0 };
  switch (line[0]) {
    case 'Pub': {
      const bean: TraceBean = {
        topic: str(line[4]), msgId: str(line[5]), tags: str(line[6]), keys: str(line[7]), storeHost: str(line[8]),
        bodyLength: int(line[9]), msgType: msgTypeOf(line[11]),
      };
      let success = true;
      if (line.length === 13) success = line[12] === 'true';
      if (line.length >= 14) {
        bean.offsetMsgId = str(line[12]);
        success = line[13] === 'true';
      }
      if (line.length >= 15) bean.clientHost = str(line[14]);
      return { ...base, traceType: 'Pub', timestamp: int(line[1]), regionId: str(line[2]), groupName: str(line[3]), costTime: int(line[10]), success, beans: [bean] };
    }
    case 'SubBefore':
      return {
        ...base, traceType: 'SubBefore', timestamp: int(line[1]), regionId: str(line[2]), groupName: str(line[3]), requestId: str(line[4]),
        beans: [{ msgId: str(line[5]), retryTimes: int(line[6]), keys: str(line[7]) }],
      };
    case 'SubAfter':
      return {
        ...base, traceType: 'SubAfter', requestId: str(line[1]), costTime: int(line[3]), success: line[4] === 'true',
        contextCode: line.length >= 7 ? int(line[6]) : 0, timestamp: line.length >= 8 ? int(line[7]) : 0,
        groupName: line.length >= 9 ? str(line[8]) : undefined, beans: [{ msgId: str(line[2]), keys: str(line[5]) }],
      };
    case 'EndTransaction':
      return {
        ...base, traceType: 'EndTransaction', timestamp: int(line[1]), regionId: str(line[2]), groupName: str(line[3]),
        beans: [{
          topic: str(line[4]), msgId: str(line[5]), tags: str(line[6]), keys: str(line[7]), storeHost: str(line[8]),
          msgType: msgTypeOf(line[9]), transactionId: str(line[10]), transactionState: str(line[11]) as TransactionState | undefined,
          fromTransactionCheck: line[12] === 'true',
        }],
      };
    default:
      return undefined;
  }
}

/**
 * Java `decoderFromTraceDataString`: one context per record. Like Java's `split`, trailing empty fields are ignored;
 * records of an unknown type or with malformed numbers are skipped.
 */
export function decodeTraceData(data: string): TraceContext[] {
  const contexts: TraceContext[] = [];
  for (const raw of data.split(FIELD_SPLITOR)) {
    if (raw.length === 0) continue;
    const line = raw.split(CONTENT_SPLITOR);
    while (line.length > 1 && line[line.length - 1] === '') line.pop();
    try {
      const context = decodeRecord(line);
      if (context) contexts.push(context);
    } catch {
      // A record written by a newer or broken client: the others are still readable.
    }
  }
  return contexts;
}
