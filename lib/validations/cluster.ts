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
  z.object({
    state: z.literal('ok'),
    version: z.string(),
    /** First token of putTps / getTransferedTps (the 10 s window), as rocketmq-dashboard shows them. */
    putTps: z.number().nullable(),
    getTps: z.number().nullable(),
    /**
     * msgPutTotalTodayMorning − msgPutTotalYesterdayMorning, msgPutTotalTodayNow − msgPutTotalTodayMorning; same for
     * Get. null when the broker did not report the keys.
     */
    putYesterday: z.number().nullable(),
    getYesterday: z.number().nullable(),
    putToday: z.number().nullable(),
    getToday: z.number().nullable(),
  }),
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

/** GET /api/clusters/:id/broker?addr=host:port&what=runtime|config */
export const brokerAddrSchema = z
  .string()
  .trim()
  .max(300, 'broker address is at most 300 characters')
  .regex(/^[^\s:]+:\d{1,5}$/, 'broker address must be host:port');
export const brokerDetailQuerySchema = z.object({ addr: brokerAddrSchema, what: z.enum(['runtime', 'config'], { error: 'what must be runtime or config' }) });

/** A broker's runtime info (GET_BROKER_RUNTIME_INFO) or config (GET_BROKER_CONFIG): every key, as the broker wrote it. */
export const brokerKeyValuesSchema = z.object({
  address: z.string(),
  what: z.enum(['runtime', 'config']),
  entries: z.array(z.object({ key: z.string(), value: z.string() })),
  fetchedAt: z.number(),
});
export type BrokerKeyValues = z.infer<typeof brokerKeyValuesSchema>;
