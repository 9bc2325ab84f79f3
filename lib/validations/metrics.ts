import { z } from 'zod';
import { clusterIdSchema } from './cluster';
import { metricsRangeSchema } from './time-range';

/**
 * The sampler's data as the browser receives it: GET /api/metrics (a range of history) and the SSE stream
 * /api/stream/metrics (one `sample` event per cycle and cluster). Every number was computed from broker answers:
 * TPS from runtime info (putTps / getTransferedTps) and from deltas of queue max offsets, lag from
 * GET_BROKER_CONSUME_STATS.
 */
/** A broker's TPS from its runtime info; null when it did not answer this cycle (a gap, never a made-up zero). */
export const brokerTpsSchema = z.object({ brokerName: z.string(), brokerId: z.number().int(), address: z.string(), putTps: z.number().nullable(), getTps: z.number().nullable() });
export type BrokerTps = z.infer<typeof brokerTpsSchema>;

export const rankedSchema = z.object({ name: z.string(), value: z.number() });
export type Ranked = z.infer<typeof rankedSchema>;

export const metricsSampleSchema = z.object({
  clusterId: clusterIdSchema,
  /** Sample time, epoch ms. */
  t: z.number(),
  putTps: z.number(),
  getTps: z.number(),
  brokers: z.array(brokerTpsSchema),
  /** Ten busiest topics by put TPS (largest first). */
  topTopics: z.array(rankedSchema),
  /** Ten groups with the largest lag (messages). */
  topGroups: z.array(rankedSchema),
  totalLag: z.number(),
  /** Brokers that did not answer this cycle, with the reason. */
  errors: z.array(z.object({ address: z.string(), message: z.string() })),
});
export type MetricsSample = z.infer<typeof metricsSampleSchema>;

export const metricsQuerySchema = z.object({ cluster: clusterIdSchema, range: metricsRangeSchema.default('5m') });

export const metricsHistorySchema = z.object({
  clusterId: clusterIdSchema,
  range: metricsRangeSchema,
  /** Sample spacing of this range in ms (5 s live, 60 s for today). */
  resolutionMs: z.number(),
  samples: z.array(metricsSampleSchema),
});
export type MetricsHistory = z.infer<typeof metricsHistorySchema>;

export const lagPointSchema = z.object({ t: z.number(), lag: z.number() });
export type LagPoint = z.infer<typeof lagPointSchema>;

/** What one sampler cycle cost (the bench and the dashboard footer read it). */
export const samplerCostSchema = z.object({
  clusterId: clusterIdSchema,
  at: z.number(),
  elapsedMs: z.number(),
  requests: z.number().int(),
  topicsKnown: z.number().int(),
  topicsSampled: z.number().int(),
  groups: z.number().int(),
});
export type SamplerCost = z.infer<typeof samplerCostSchema>;
export const samplerStatusSchema = z.object({ intervalMs: z.number(), costs: z.array(samplerCostSchema) });
export type SamplerStatus = z.infer<typeof samplerStatusSchema>;
