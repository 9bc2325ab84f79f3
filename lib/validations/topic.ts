import { z } from 'zod';
import { MAX_TOPIC_LENGTH } from '../../broker-core/common/message/message-const';
import { GROUP_MAX_LENGTH, VALID_NAME_PATTERN } from '../../broker-core/common/topic-validator';
import { clusterIdSchema } from './cluster';

/**
 * The Topics API's shapes, shared by the route handlers (input checked, 400 with these messages) and the browser
 * (forms validated with the same schemas before they are sent, answers checked on arrival).
 *
 * Name rules are RocketMQ's (Java TopicValidator / Validators): `^[%|a-zA-Z0-9_-]+$`, topics at most 127
 * characters, groups at most 255.
 */
export function rocketmqNameSchema(label: string, maxLength: number) {
  return z
    .string({ error: `${label} name is required` })
    .trim()
    .min(1, `${label} name is required`)
    .max(maxLength, `${label} name is at most ${maxLength} characters`)
    .regex(VALID_NAME_PATTERN, `${label} name may only contain letters, digits, %, |, _ and -`);
}

export const topicNameSchema = rocketmqNameSchema('topic', MAX_TOPIC_LENGTH);
export const groupNameSchema = rocketmqNameSchema('group', GROUP_MAX_LENGTH);

/** Java PermName: 2 = write only, 4 = read only, 6 = read and write (rocketmq-dashboard offers these three). */
export const TOPIC_PERMS = [2, 4, 6] as const;
export const MAX_QUEUE_NUMS = 1024;

const queueNumsSchema = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be between 1 and ${MAX_QUEUE_NUMS}`)
    .max(MAX_QUEUE_NUMS, `${label} must be between 1 and ${MAX_QUEUE_NUMS}`);

export const topicPermSchema = z.coerce
  .number({ error: 'perm must be a number' })
  .refine((perm) => (TOPIC_PERMS as readonly number[]).includes(perm), 'perm must be 2 (write), 4 (read) or 6 (read and write)');

/** Create / update form and POST /api/topics body. Targets: whole RocketMQ clusters and / or single brokers. */
export const topicFormSchema = z
  .object({
    cluster: clusterIdSchema,
    topicName: topicNameSchema,
    writeQueueNums: queueNumsSchema('write queue number'),
    readQueueNums: queueNumsSchema('read queue number'),
    perm: topicPermSchema,
    order: z.boolean().default(false),
    clusterNames: z.array(z.string().min(1).max(255)).max(100).default([]),
    brokerNames: z.array(z.string().min(1).max(255)).max(1000).default([]),
  })
  .refine((form) => form.clusterNames.length + form.brokerNames.length > 0, {
    message: 'choose at least one cluster or broker to create the topic on',
    path: ['clusterNames'],
  });
export type TopicFormInput = z.input<typeof topicFormSchema>;
export type TopicForm = z.output<typeof topicFormSchema>;

export const TOPIC_TYPES = ['normal', 'retry', 'dlq', 'system', 'order', 'transaction', 'delay'] as const;
export const topicTypeSchema = z.enum(TOPIC_TYPES);
export type TopicType = z.infer<typeof topicTypeSchema>;

export const TOPIC_SORTS = ['name', 'queues', 'brokers'] as const;

/** GET /api/topics?cluster=&page=&pageSize=&search=&types=normal,retry&sort=name&dir=asc */
export const topicListQuerySchema = z.object({
  cluster: clusterIdSchema,
  page: z.coerce.number().int().min(1, 'page must be 1 or more').max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1, 'pageSize must be between 1 and 500').max(500, 'pageSize must be between 1 and 500').default(50),
  search: z.string().max(255, 'search is at most 255 characters').default(''),
  types: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(topicTypeSchema)),
  sort: z.enum(TOPIC_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type TopicListQuery = z.output<typeof topicListQuerySchema>;

export const topicRowSchema = z.object({
  name: z.string(),
  /** Every type that applies ("retry" and "system" can go together). */
  types: z.array(topicTypeSchema),
  /** Largest read / write queue numbers over the brokers that host it (0 when no broker config was read). */
  readQueueNums: z.number().int(),
  writeQueueNums: z.number().int(),
  perm: z.number().int(),
  brokerNames: z.array(z.string()),
  clusterNames: z.array(z.string()),
});
export type TopicRow = z.infer<typeof topicRowSchema>;

export const topicListSchema = z.object({
  clusterId: clusterIdSchema,
  rows: z.array(topicRowSchema),
  total: z.number().int(),
  /** Topics before filtering, and per type, for the filter chips. */
  unfilteredTotal: z.number().int(),
  typeCounts: z.record(z.string(), z.number().int()),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** When the cluster was last asked (the list is cached a few seconds). */
  fetchedAt: z.number(),
});
export type TopicList = z.infer<typeof topicListSchema>;

/**
 * `?cluster=&topic=` of the per-topic APIs (/api/topics/status, /routing, /config, /consumers ...). The topic travels
 * in the query rather than the path: %RETRY% and %DLQ% names then need no second decoding rule.
 */
export const topicQuerySchema = z.object({ cluster: clusterIdSchema, topic: topicNameSchema });
/** `?topic=` of the POST APIs whose body carries the cluster. */
export const topicOnlyQuerySchema = z.object({ topic: topicNameSchema });

/** DELETE /api/topics?cluster=&topic=&clusterNames=a,b (every master of those RocketMQ clusters; default: all hosting it). */
export const topicDeleteQuerySchema = z.object({
  cluster: clusterIdSchema,
  topic: topicNameSchema,
  clusterNames: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean)),
});

/** Reset a group's offsets of the topic to a time: the preview and the apply share this body. */
export const resetOffsetSchema = z.object({
  cluster: clusterIdSchema,
  group: groupNameSchema,
  /** Epoch ms; -1 = the max offset (skip the backlog). */
  timestamp: z.coerce
    .number({ error: 'timestamp must be a number' })
    .int('timestamp must be whole milliseconds')
    .refine((value) => value === -1 || (value >= 0 && value <= Date.now() + 24 * 3600_000), 'timestamp must be a time in the past (epoch ms) or -1 for the newest offset'),
  force: z.boolean().default(true),
});
export type ResetOffsetInput = z.input<typeof resetOffsetSchema>;
