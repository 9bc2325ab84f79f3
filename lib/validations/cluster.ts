import { z } from 'zod';

/**
 * Shapes of the cluster API, shared by the route handlers (params in, bodies out) and the browser fetchers (bodies
 * checked on arrival), so both sides agree on one definition.
 */

/** Registry ids: "embedded" or "ns-<address slug>". */
export const clusterIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'cluster id must be 1-100 lowercase letters, digits or dashes');

export const clusterParamsSchema = z.object({ id: clusterIdSchema });

export const clusterSummarySchema = z.object({
  id: clusterIdSchema,
  name: z.string(),
  /** The nameserver list, "host:port" entries separated by ";". */
  namesrvAddr: z.string(),
  embedded: z.boolean(),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const clusterListSchema = z.object({ clusters: z.array(clusterSummarySchema) });
export type ClusterList = z.infer<typeof clusterListSchema>;

/** What GET_BROKER_RUNTIME_INFO gave for one broker address. */
export const brokerRuntimeStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), version: z.string() }),
  /** No answer at all (connection refused, timeout): the message says which. */
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  /** The broker answered with an error code, or with a body we could not read. */
  z.object({ state: z.literal('error'), message: z.string() }),
]);
export type BrokerRuntimeState = z.infer<typeof brokerRuntimeStateSchema>;

export const brokerRowSchema = z.object({
  cluster: z.string(),
  brokerName: z.string(),
  /** 0 is the master; any other id a slave. */
  brokerId: z.number().int(),
  role: z.enum(['master', 'slave']),
  address: z.string(),
  runtime: brokerRuntimeStateSchema,
});
export type BrokerRow = z.infer<typeof brokerRowSchema>;

export const clusterBrokersSchema = z.object({
  clusterId: clusterIdSchema,
  brokers: z.array(brokerRowSchema),
  /** Server time (ms) the nameserver was asked. */
  fetchedAt: z.number(),
});
export type ClusterBrokers = z.infer<typeof clusterBrokersSchema>;
