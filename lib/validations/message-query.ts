import { z } from 'zod';
import { clusterIdSchema } from './cluster';
import { timeRangeSchema } from './time-range';
import { groupNameSchema, topicNameSchema } from './topic';

/**
 * The Messages API (and the Dead letters API, which reads %DLQ% topics the same way). Bodies travel as base64 so
 * any bytes survive; the page shows them as text, JSON or hex, never as HTML. Names travel in query strings.
 */
export const MAX_MESSAGE_PAGE_SIZE = 200;

const hex = (lengths: number[]) => new RegExp(`^(${lengths.map((length) => `[0-9A-Fa-f]{${length}}`).join('|')})$`);
/** An offset message id (store host + commit-log offset: 32 hex for IPv4, 56 for IPv6) or a client unique id (32). */
export const messageIdSchema = z.string().trim().regex(hex([32, 56]), 'message id must be 32 or 56 hexadecimal characters');
export const offsetMessageIdSchema = messageIdSchema;

/** A stored-time range (at most 31 days) read page by page with the cursor the previous page answered. */
const timePagedFields = {
  from: timeRangeSchema.shape.from,
  to: timeRangeSchema.shape.to,
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be between 1 and ${MAX_MESSAGE_PAGE_SIZE}`)
    .max(MAX_MESSAGE_PAGE_SIZE, `pageSize must be between 1 and ${MAX_MESSAGE_PAGE_SIZE}`)
    .default(50),
  /** From the previous page's answer; absent for the first page. */
  cursor: z.string().max(100_000, 'cursor is too long').regex(/^[A-Za-z0-9_-]*$/, 'cursor is not one this server gave').optional(),
};

function withTimeRangeRules<T extends z.ZodType<{ from: number; to: number }>>(schema: T) {
  return schema
    .refine((query) => query.from < query.to, { message: 'from must be before to', path: ['from'] })
    .refine((query) => query.to - query.from <= 31 * 24 * 3600_000, { message: 'the time range is at most 31 days', path: ['to'] });
}

export const byTimeQuerySchema = withTimeRangeRules(z.object({ cluster: clusterIdSchema, topic: topicNameSchema, ...timePagedFields }));
export type ByTimeQuery = z.output<typeof byTimeQuerySchema>;

export const byKeyQuerySchema = z.object({
  cluster: clusterIdSchema,
  topic: topicNameSchema,
  key: z.string().trim().min(1, 'key is required').max(128, 'key is at most 128 characters'),
});
export type ByKeyQuery = z.output<typeof byKeyQuerySchema>;

export const byIdQuerySchema = z.object({
  cluster: clusterIdSchema,
  /** With a topic a client unique id is looked up too; without one only an offset id can be found. */
  topic: topicNameSchema.optional(),
  msgId: messageIdSchema,
});
export type ByIdQuery = z.output<typeof byIdQuerySchema>;

/** GET /api/messages/detail?cluster=&msgId=<offset id>: one stored message and its consume status per group. */
export const messageDetailQuerySchema = z.object({ cluster: clusterIdSchema, msgId: offsetMessageIdSchema });

export const messageSummarySchema = z.object({
  /** The client id (UNIQ_KEY) when there is one, else the offset id: what producers log and users search for. */
  msgId: z.string(),
  offsetMsgId: z.string(),
  topic: z.string(),
  tags: z.string().optional(),
  keys: z.string().optional(),
  queueId: z.number().int(),
  queueOffset: z.number().int(),
  storeHost: z.string(),
  bornHost: z.string(),
  storeTimestamp: z.number(),
  bornTimestamp: z.number(),
  bodySize: z.number().int(),
  reconsumeTimes: z.number().int(),
  /** The first characters of the body as UTF-8 text (or hex when it is not text). */
  bodyPreview: z.string(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const messagePageSchema = z.object({ messages: z.array(messageSummarySchema), cursor: z.string().optional() });
export type MessagePage = z.infer<typeof messagePageSchema>;

export const trackTypeSchema = z.enum(['CONSUMED', 'CONSUMED_BUT_FILTERED', 'PULL', 'NOT_CONSUME_YET', 'NOT_ONLINE', 'UNKNOWN']);
export type TrackType = z.infer<typeof trackTypeSchema>;

export const messageDetailSchema = messageSummarySchema.extend({
  storeSize: z.number().int(),
  bodyCRC: z.number(),
  flag: z.number().int(),
  sysFlag: z.number().int(),
  commitLogOffset: z.number(),
  preparedTransactionOffset: z.number(),
  properties: z.array(z.object({ name: z.string(), value: z.string() })),
  body: z.object({ base64: z.string(), size: z.number().int(), utf8: z.boolean() }),
  /** Consume status per group that subscribes the topic (message track), or why it could not be worked out. */
  tracks: z.array(z.object({ consumerGroup: z.string(), trackType: trackTypeSchema, exceptionDesc: z.string().optional() })),
  trackError: z.string().optional(),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;

/** POST /api/messages/resend: have one client of the group consume the message now (CONSUME_MESSAGE_DIRECTLY). */
export const resendToGroupSchema = z.object({
  cluster: clusterIdSchema,
  msgId: offsetMessageIdSchema,
  group: groupNameSchema,
  /** A client of the group; the first online one when absent (as rocketmq-dashboard does). */
  clientId: z.string().trim().max(512, 'client id is at most 512 characters').optional(),
});
export type ResendToGroupInput = z.input<typeof resendToGroupSchema>;

export const consumeDirectlyResultSchema = z.object({
  clientId: z.string(),
  consumeResult: z.string().optional(),
  remark: z.string().optional(),
  spentTimeMills: z.number(),
  order: z.boolean(),
  autoCommit: z.boolean(),
});
export type ConsumeDirectlyResult = z.infer<typeof consumeDirectlyResultSchema>;

/** GET /api/messages/tail?cluster=&topic= (Server-Sent Events): new messages of the topic as they are stored. */
export const tailQuerySchema = z.object({ cluster: clusterIdSchema, topic: topicNameSchema });
/** One `messages` event of the tail; `skipped` counts messages passed over to keep the stream bounded. */
export const tailEventSchema = z.object({ messages: z.array(messageSummarySchema), skipped: z.number().int() });
export type TailEvent = z.infer<typeof tailEventSchema>;

// ---- dead letters ----------------------------------------------------------------------------------------------

/** GET /api/dlq/topics?cluster=: every %DLQ% topic with how many messages it holds. */
export const dlqTopicsQuerySchema = z.object({ cluster: clusterIdSchema });
export const dlqTopicSchema = z.object({ group: z.string(), topic: z.string(), total: z.number().int() });
export const dlqTopicListSchema = z.object({ topics: z.array(dlqTopicSchema) });
export type DlqTopic = z.infer<typeof dlqTopicSchema>;

/** GET /api/dlq/messages?cluster=&group=&from=&to=&pageSize=&cursor=: the group's dead letters stored in the range. */
export const dlqMessagesQuerySchema = withTimeRangeRules(z.object({ cluster: clusterIdSchema, group: groupNameSchema, ...timePagedFields }));
export type DlqMessagesQuery = z.output<typeof dlqMessagesQuerySchema>;

/**
 * How a dead letter goes back: `consume-directly` is rocketmq-dashboard's resend (one online client of the group
 * consumes the stored message now; nothing is written), `send-back` stores a copy in the original topic (body, tag,
 * keys and user properties; RETRY_TOPIC names it) for every subscriber to consume again.
 */
export const DLQ_RESEND_MODES = ['consume-directly', 'send-back'] as const;
export type DlqResendMode = (typeof DLQ_RESEND_MODES)[number];
export const MAX_DLQ_RESEND_BATCH = 100;

export const dlqResendSchema = z.object({
  cluster: clusterIdSchema,
  group: groupNameSchema,
  mode: z.enum(DLQ_RESEND_MODES, { error: 'mode must be consume-directly or send-back' }),
  msgIds: z.array(offsetMessageIdSchema).min(1, 'choose at least one message').max(MAX_DLQ_RESEND_BATCH, `at most ${MAX_DLQ_RESEND_BATCH} messages per request`),
  clientId: z.string().trim().max(512, 'client id is at most 512 characters').optional(),
});
export type DlqResendInput = z.input<typeof dlqResendSchema>;

export const dlqResendResultSchema = z.object({
  results: z.array(
    z.object({
      msgId: z.string(),
      ok: z.boolean(),
      /** consume-directly: the client's CMResult; send-back: the new message's id and send status. */
      outcome: z.string(),
      error: z.string().optional(),
    }),
  ),
});
export type DlqResendResult = z.infer<typeof dlqResendResultSchema>;

export const MAX_DLQ_EXPORT = 10_000;
/** GET /api/dlq/export?cluster=&group=&from=&to=&format=json|csv: a file of the range's dead letters. */
export const dlqExportQuerySchema = z
  .object({
    cluster: clusterIdSchema,
    group: groupNameSchema,
    from: timeRangeSchema.shape.from,
    to: timeRangeSchema.shape.to,
    format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
  })
  .refine((query) => query.from < query.to, { message: 'from must be before to', path: ['from'] });
export type DlqExportQuery = z.output<typeof dlqExportQuerySchema>;

// ---- trace -----------------------------------------------------------------------------------------------------

export const DEFAULT_TRACE_TOPIC = 'RMQ_SYS_TRACE_TOPIC';

/** GET /api/trace?cluster=&msgId= | &key= [&traceTopic=]: a message's trace (by id) or the traces of a key. */
export const traceQuerySchema = z
  .object({
    cluster: clusterIdSchema,
    msgId: messageIdSchema.optional(),
    key: z.string().trim().min(1, 'key is required').max(128, 'key is at most 128 characters').optional(),
    traceTopic: topicNameSchema.default(DEFAULT_TRACE_TOPIC),
  })
  .refine((query) => (query.msgId === undefined) !== (query.key === undefined), { message: 'give a message id or a key (one of them)', path: ['msgId'] });
export type TraceQuery = z.output<typeof traceQuerySchema>;

export const traceEventSchema = z.object({
  traceType: z.enum(['Pub', 'SubBefore', 'SubAfter', 'EndTransaction']),
  timestamp: z.number(),
  groupName: z.string().optional(),
  costTime: z.number(),
  status: z.enum(['success', 'failed']),
  msgId: z.string().optional(),
  offsetMsgId: z.string().optional(),
  topic: z.string().optional(),
  tags: z.string().optional(),
  keys: z.string().optional(),
  storeHost: z.string().optional(),
  clientHost: z.string(),
  retryTimes: z.number().optional(),
  bodyLength: z.number().optional(),
  msgType: z.string().optional(),
  transactionState: z.string().optional(),
});
export type TraceEventView = z.infer<typeof traceEventSchema>;

export const consumeTraceSchema = z.object({
  groupName: z.string().optional(),
  clientHost: z.string(),
  beginTimestamp: z.number(),
  endTimestamp: z.number().optional(),
  costTime: z.number().optional(),
  status: z.enum(['success', 'failed', 'unknown']),
  retryTimes: z.number(),
});
export type ConsumeTraceView = z.infer<typeof consumeTraceSchema>;

export const messageTraceSchema = z.object({
  msgId: z.string(),
  pub: traceEventSchema.optional(),
  endTransactions: z.array(traceEventSchema),
  consumes: z.array(consumeTraceSchema),
  events: z.array(traceEventSchema),
});
export type MessageTraceView = z.infer<typeof messageTraceSchema>;

export const traceResultSchema = z.object({
  traceTopic: z.string(),
  traces: z.array(messageTraceSchema),
  /** The trace topic does not exist on this cluster (tracing never enabled): no traces, said plainly. */
  traceTopicMissing: z.boolean(),
});
export type TraceResult = z.infer<typeof traceResultSchema>;
