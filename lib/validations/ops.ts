import { z } from 'zod';
import { parseNamesrvAddr } from '../../broker-core/client/namesrv-address';
import { clusterIdSchema, clusterSummarySchema } from './cluster';

/**
 * The Ops API: the clusters (nameserver lists) the console manages. Shared by the route handlers and the Ops page's
 * form, so the browser refuses what the server would refuse, with the same words.
 */

/** "host:port[;host:port...]", each port 1..65535, IPv6 in brackets (RocketMQ's NAMESRV_ADDR format). */
export const namesrvAddrSchema = z
  .string()
  .trim()
  .min(1, 'nameserver address is required')
  .max(1000, 'nameserver address list is at most 1000 characters')
  .superRefine((text, context) => {
    try {
      parseNamesrvAddr(text);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .transform((text) => parseNamesrvAddr(text).join(';'));

export const clusterNameSchema = z
  .string()
  .trim()
  .max(64, 'name is at most 64 characters')
  .regex(/^[^<>]*$/, 'name must not contain < or >');

export const addClusterSchema = z.object({
  namesrvAddr: namesrvAddrSchema,
  /** Optional label; the address list when blank. */
  name: clusterNameSchema.optional(),
});
export type AddClusterInput = z.input<typeof addClusterSchema>;

export const probeClusterSchema = z.object({ namesrvAddr: namesrvAddrSchema });

export const clusterIdParamsSchema = z.object({ id: clusterIdSchema });

/** What a nameserver said to GET_BROKER_CLUSTER_INFO. */
export const clusterProbeSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ok'),
    /** RocketMQ cluster names the nameserver reports, and how many broker addresses in all. */
    clusterNames: z.array(z.string()),
    brokerCount: z.number().int(),
    elapsedMs: z.number(),
  }),
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  z.object({ state: z.literal('error'), message: z.string() }),
]);
export type ClusterProbe = z.infer<typeof clusterProbeSchema>;

/** Where a registry entry comes from: only entries added on the Ops page can be removed there. */
export const clusterSourceSchema = z.enum(['embedded', 'environment', 'ops']);
export type ClusterSource = z.infer<typeof clusterSourceSchema>;

export const opsClusterSchema = clusterSummarySchema.extend({
  source: clusterSourceSchema,
  removable: z.boolean(),
  probe: clusterProbeSchema,
});
export type OpsCluster = z.infer<typeof opsClusterSchema>;

export const opsClusterListSchema = z.object({ clusters: z.array(opsClusterSchema) });
export type OpsClusterList = z.infer<typeof opsClusterListSchema>;

export const addClusterResultSchema = z.object({ cluster: opsClusterSchema });

/** The embedded servers of `npm start`, when running. */
export const embeddedStatusSchema = z.object({
  running: z.boolean(),
  namesrvAddr: z.string().optional(),
  brokerAddr: z.string().optional(),
  storeDir: z.string().optional(),
  /** Broker boot time and version from GET_BROKER_RUNTIME_INFO; absent when the broker did not answer. */
  bootTimestamp: z.number().optional(),
  /** How long the broker has run, as of the answer (server clock). */
  uptimeMs: z.number().optional(),
  brokerVersion: z.string().optional(),
  runtimeError: z.string().optional(),
  /** Where the console keeps clusters.json. */
  clustersFile: z.string(),
});
export type EmbeddedStatus = z.infer<typeof embeddedStatusSchema>;
