import { z } from 'zod';
import { BUILT_IN_GROUPS, SYSTEM_GROUP_PREFIX } from '../../broker-core/broker/topic/topic-validator';
import { clusterIdSchema } from './cluster';
import { lagPointSchema } from './metrics';
import { metricsRangeSchema } from './time-range';
import { groupNameSchema, resetOffsetSchema, topicNameSchema } from './topic';

/**
 * The Consumers API (route handlers under app/api/consumers, the Consumers pages' fetchers and forms). Group and
 * topic name rules are RocketMQ's (lib/validations/topic.ts). Every number is what a broker or client reported.
 */

/** The broker's built-in groups plus the transaction check-back group; the list hides them unless asked. */
const HIDDEN_GROUPS: ReadonlySet<string> = new Set([...BUILT_IN_GROUPS, 'CID_SYS_RMQ_TRANS']);

export function isSystemGroup(group: string): boolean {
  return HIDDEN_GROUPS.has(group) || group.startsWith(SYSTEM_GROUP_PREFIX);
}

const pageNumber = z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page starts at 1');
const flag = z.enum(['0', '1', 'true', 'false'], { error: 'must be 0 or 1' }).transform((value) => value === '1' || value === 'true');

export const GROUP_SORT_KEYS = ['group', 'clientCount', 'consumeType', 'messageModel', 'consumeTps', 'diffTotal', 'lagSeconds'] as const;
export type GroupSortKey = (typeof GROUP_SORT_KEYS)[number];
export const MAX_GROUP_PAGE_SIZE = 200;

/** GET /api/consumers?cluster=&page=&pageSize=&filter=&sort=&dir=&system= */
export const groupListQuerySchema = z.object({
  cluster: clusterIdSchema,
  page: pageNumber.default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int('pageSize must be a whole number')
    .min(1, `pageSize must be between 1 and ${MAX_GROUP_PAGE_SIZE}`)
    .max(MAX_GROUP_PAGE_SIZE, `pageSize must be between 1 and ${MAX_GROUP_PAGE_SIZE}`)
    .default(50),
  filter: z.string().trim().max(255, 'filter is at most 255 characters').default(''),
  sort: z.enum(GROUP_SORT_KEYS, { error: `sort must be one of ${GROUP_SORT_KEYS.join(', ')}` }).default('group'),
  dir: z.enum(['asc', 'desc'], { error: 'dir must be asc or desc' }).default('asc'),
  system: flag.default(false),
});
export type GroupListQuery = z.output<typeof groupListQuerySchema>;

export const groupSummarySchema = z.object({
  group: z.string(),
  /** Online clients (GET_CONSUMER_CONNECTION_LIST); 0 when none. */
  clientCount: z.number().int(),
  /** Client version of the first connection ("V4_9_4"), when online. */
  version: z.string().optional(),
  consumeType: z.string().optional(),
  messageModel: z.string().optional(),
  consumeTps: z.number(),
  /** Σ brokerOffset − consumerOffset over every queue (GET_BROKER_CONSUME_STATS). */
  diffTotal: z.number().int(),
  /** Seconds since the oldest unconsumed message was stored; null when nothing is behind or unknown. */
  lagSeconds: z.number().nullable(),
  system: z.boolean(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupListSchema = z.object({
  rows: z.array(groupSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** When the cluster was last asked (the list is cached for a few seconds). */
  fetchedAt: z.number(),
});
export type GroupList = z.infer<typeof groupListSchema>;

/**
 * Names travel in query strings, never in path segments: `%`, `|` and friends are legal in group and topic names,
 * and a query string is decoded exactly once.
 */
export const groupQuerySchema = z.object({ cluster: clusterIdSchema, group: groupNameSchema });

export const queueLagSchema = z.object({
  topic: z.string(),
  brokerName: z.string(),
  queueId: z.number().int(),
  brokerOffset: z.number().int(),
  consumerOffset: z.number().int(),
  diff: z.number().int(),
  /** Store time of the last consumed message (0 = none), as the broker reports it. */
  lastTimestamp: z.number(),
  /** The client holding the queue, from its running info. */
  clientId: z.string().optional(),
  /** Seconds since the first unconsumed message of this queue was stored; null when none is behind. */
  lagSeconds: z.number().nullable(),
});
export type QueueLag = z.infer<typeof queueLagSchema>;

export const topicLagSchema = z.object({ topic: z.string(), diff: z.number().int(), lastTimestamp: z.number(), lagSeconds: z.number().nullable() });
export type TopicLag = z.infer<typeof topicLagSchema>;

export const consumerClientSchema = z.object({
  clientId: z.string(),
  clientAddr: z.string(),
  language: z.string(),
  version: z.string(),
});
export type ConsumerClient = z.infer<typeof consumerClientSchema>;

export const subscriptionSchema = z.object({ topic: z.string(), expressionType: z.string(), subString: z.string(), tags: z.array(z.string()) });
export type Subscription = z.infer<typeof subscriptionSchema>;

export const groupDetailSchema = z.object({
  group: z.string(),
  fetchedAt: z.number(),
  online: z.boolean(),
  consumeType: z.string().optional(),
  messageModel: z.string().optional(),
  consumeFromWhere: z.string().optional(),
  consumeTps: z.number(),
  diffTotal: z.number().int(),
  lagSeconds: z.number().nullable(),
  topics: z.array(topicLagSchema),
  queues: z.array(queueLagSchema),
  clients: z.array(consumerClientSchema),
  subscriptions: z.array(subscriptionSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

/** GET /api/consumers/lag-history?cluster=&group=&range=: the sampler's lag of the group over time. */
export const groupLagHistoryQuerySchema = groupQuerySchema.extend({ range: metricsRangeSchema.default('5m') });
export const groupLagHistorySchema = z.object({ group: z.string(), range: metricsRangeSchema, points: z.array(lagPointSchema) });
export type GroupLagHistory = z.infer<typeof groupLagHistorySchema>;

/** GET /api/consumers/client?cluster=&group=&clientId=: the client's own report (GET_CONSUMER_RUNNING_INFO). */
export const clientRunningInfoSchema = z.object({
  clientId: z.string(),
  properties: z.array(z.object({ name: z.string(), value: z.string() })),
  subscriptions: z.array(subscriptionSchema),
  queues: z.array(
    z.object({
      topic: z.string(),
      brokerName: z.string(),
      queueId: z.number().int(),
      commitOffset: z.number(),
      cachedMsgCount: z.number(),
      cachedMsgSizeInMiB: z.number(),
      lastPullTimestamp: z.number(),
      lastConsumeTimestamp: z.number(),
      locked: z.boolean(),
      dropped: z.boolean(),
    }),
  ),
  status: z.array(
    z.object({
      topic: z.string(),
      pullRT: z.number(),
      pullTPS: z.number(),
      consumeRT: z.number(),
      consumeOKTPS: z.number(),
      consumeFailedTPS: z.number(),
      consumeFailedMsgs: z.number(),
    }),
  ),
  jstack: z.string().optional(),
});
export type ClientRunningInfo = z.infer<typeof clientRunningInfoSchema>;
export const clientQuerySchema = groupQuerySchema.extend({
  clientId: z.string().trim().min(1, 'client id is required').max(512, 'client id is at most 512 characters'),
  jstack: flag.default(false),
});

// ---- subscription-group config ------------------------------------------------------------------------------

const brokerAddrSchema = z
  .string()
  .trim()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/, 'broker address must be host:port');

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

/** The subscription-group form (rocketmq-dashboard's consumer config dialog), also the POST/PUT body. */
export const groupConfigFormSchema = z.object({
  cluster: clusterIdSchema,
  groupName: groupNameSchema,
  /** The brokers to write it on (masters). */
  brokerAddrs: z.array(brokerAddrSchema).min(1, 'choose at least one broker').max(256, 'at most 256 brokers'),
  consumeEnable: z.boolean().default(true),
  consumeBroadcastEnable: z.boolean().default(true),
  consumeFromMinEnable: z.boolean().default(true),
  retryQueueNums: wholeNumber('retryQueueNums', 1, 1024).default(1),
  retryMaxTimes: wholeNumber('retryMaxTimes', -1, 10000).default(16),
  brokerId: wholeNumber('brokerId', 0, 1024).default(0),
  whichBrokerWhenConsumeSlowly: wholeNumber('whichBrokerWhenConsumeSlowly', 0, 1024).default(1),
});
export type GroupConfigFormInput = z.input<typeof groupConfigFormSchema>;
export type GroupConfigForm = z.output<typeof groupConfigFormSchema>;

export const subscriptionGroupConfigSchema = z.object({
  groupName: z.string(),
  consumeEnable: z.boolean(),
  consumeBroadcastEnable: z.boolean(),
  consumeFromMinEnable: z.boolean(),
  retryQueueNums: z.number().int(),
  retryMaxTimes: z.number().int(),
  brokerId: z.number().int(),
  whichBrokerWhenConsumeSlowly: z.number().int(),
});
export type SubscriptionGroupConfigView = z.infer<typeof subscriptionGroupConfigSchema>;

/** GET /api/consumers/config?cluster=&group=: the group's config on every master (null where it is absent). */
export const groupConfigsSchema = z.object({
  group: z.string(),
  brokers: z.array(z.object({ cluster: z.string(), brokerName: z.string(), brokerAddr: z.string(), config: subscriptionGroupConfigSchema.nullable() })),
});
export type GroupConfigs = z.infer<typeof groupConfigsSchema>;

export const groupConfigWriteResultSchema = z.object({ group: z.string(), brokerAddrs: z.array(z.string()) });

/** DELETE /api/consumers/config body: which brokers, and whether the offsets go too. */
export const groupDeleteSchema = z.object({
  cluster: clusterIdSchema,
  group: groupNameSchema,
  brokerAddrs: z.array(brokerAddrSchema).min(1, 'choose at least one broker').max(256, 'at most 256 brokers'),
  removeOffset: z.boolean().default(false),
});
export type GroupDeleteInput = z.input<typeof groupDeleteSchema>;

/** POST /api/consumers/reset-offset: rewind or skip one topic of the group (timestamp -1 = skip the backlog). */
export const groupResetOffsetSchema = resetOffsetSchema.extend({ topic: topicNameSchema });
export type GroupResetOffsetInput = z.input<typeof groupResetOffsetSchema>;

export const resetOffsetResultSchema = z.object({
  /** online: the broker pushed the offsets to the running clients; offline: the console wrote them. */
  mode: z.enum(['online', 'offline']),
  queues: z.array(z.object({ brokerName: z.string(), queueId: z.number().int(), offset: z.number().int() })),
});
export type ResetOffsetResult = z.infer<typeof resetOffsetResultSchema>;
