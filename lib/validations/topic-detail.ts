import { z } from 'zod';

/**
 * Answers of the per-topic APIs (/api/topics/:topic/...): status, route, config per broker, consuming groups, and
 * the offset reset preview / result. Every number is what a broker or nameserver answered.
 */
export const queueStatusSchema = z.object({
  brokerName: z.string(),
  queueId: z.number().int(),
  minOffset: z.number(),
  maxOffset: z.number(),
  /** Store time of the newest message (0 = empty queue). */
  lastUpdateTimestamp: z.number(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

export const topicStatusSchema = z.object({ topic: z.string(), queues: z.array(queueStatusSchema), fetchedAt: z.number() });
export type TopicStatus = z.infer<typeof topicStatusSchema>;

export const topicRouteSchema = z.object({
  topic: z.string(),
  brokers: z.array(z.object({ cluster: z.string(), brokerName: z.string(), addrs: z.array(z.object({ brokerId: z.number().int(), address: z.string() })) })),
  queues: z.array(z.object({ brokerName: z.string(), readQueueNums: z.number().int(), writeQueueNums: z.number().int(), perm: z.number().int(), topicSysFlag: z.number().int() })),
  orderTopicConf: z.string().optional(),
});
export type TopicRoute = z.infer<typeof topicRouteSchema>;

export const topicBrokerConfigSchema = z.object({
  brokerName: z.string(),
  brokerAddr: z.string(),
  config: z
    .object({
      readQueueNums: z.number().int(),
      writeQueueNums: z.number().int(),
      perm: z.number().int(),
      order: z.boolean(),
      topicFilterType: z.string(),
      topicSysFlag: z.number().int(),
      attributes: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** The broker's own words when it did not give the config. */
  error: z.string().optional(),
});
export const topicConfigListSchema = z.object({ topic: z.string(), clusterNames: z.array(z.string()), brokers: z.array(topicBrokerConfigSchema) });
export type TopicConfigList = z.infer<typeof topicConfigListSchema>;

export const topicConsumerSchema = z.object({
  group: z.string(),
  /** Σ brokerOffset − consumerOffset over the topic's queues. */
  lag: z.number(),
  consumeTps: z.number(),
  /** Store time of the newest consumed message (0 = none). */
  lastConsumeTimestamp: z.number(),
  queues: z.number().int(),
  error: z.string().optional(),
});
export const topicConsumersSchema = z.object({ topic: z.string(), groups: z.array(topicConsumerSchema), fetchedAt: z.number() });
export type TopicConsumers = z.infer<typeof topicConsumersSchema>;

export const resetPreviewRowSchema = z.object({
  brokerName: z.string(),
  queueId: z.number().int(),
  brokerOffset: z.number(),
  /** The group's committed offset now. */
  consumerOffset: z.number(),
  /** Where the reset would put it: SEARCH_OFFSET_BY_TIMESTAMP (or the max offset when skipping the backlog). */
  targetOffset: z.number(),
});
export type ResetPreviewRow = z.infer<typeof resetPreviewRowSchema>;
export const resetPreviewSchema = z.object({ topic: z.string(), group: z.string(), timestamp: z.number(), rows: z.array(resetPreviewRowSchema) });
export type ResetPreview = z.infer<typeof resetPreviewSchema>;

export const topicMutationSchema = z.object({ topic: z.string(), brokerAddrs: z.array(z.string()), orderConf: z.string().optional() });
export type TopicMutation = z.infer<typeof topicMutationSchema>;

/** Targets offered by the create form: RocketMQ clusters and their master brokers. */
export const topicTargetsSchema = z.object({
  clusters: z.array(z.object({ clusterName: z.string(), brokerNames: z.array(z.string()) })),
});
export type TopicTargets = z.infer<typeof topicTargetsSchema>;
