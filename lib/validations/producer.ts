import { z } from 'zod';
import { clusterIdSchema } from './cluster';
import { groupNameSchema, topicNameSchema } from './topic';

/**
 * The Producers API: connections of a producer group on the brokers of a topic (GET_PRODUCER_CONNECTION_LIST, as
 * rocketmq-dashboard's producer page asks), and the producer groups the topic's brokers report (5.x brokers only).
 */
export const producerQuerySchema = z.object({ cluster: clusterIdSchema, topic: topicNameSchema, group: groupNameSchema });
export const producerGroupsQuerySchema = z.object({ cluster: clusterIdSchema, topic: topicNameSchema });

export const producerConnectionSchema = z.object({ clientId: z.string(), clientAddr: z.string(), language: z.string(), version: z.number().int(), versionDesc: z.string() });
export type ProducerConnectionRow = z.infer<typeof producerConnectionSchema>;

export const producerConnectionsSchema = z.object({
  topic: z.string(),
  group: z.string(),
  connections: z.array(producerConnectionSchema),
  fetchedAt: z.number(),
});
export type ProducerConnections = z.infer<typeof producerConnectionsSchema>;

export const producerGroupsSchema = z.object({
  topic: z.string(),
  /** Whether every broker of the topic answered GET_ALL_PRODUCER_INFO (RocketMQ 5.x); older brokers cannot say. */
  supported: z.boolean(),
  groups: z.array(z.object({ group: z.string(), clients: z.number().int() })),
});
export type ProducerGroups = z.infer<typeof producerGroupsSchema>;
