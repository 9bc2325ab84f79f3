import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { AclCredentials } from '../../broker-core/acl/acl-signature';
import { parseNamesrvAddr } from '../../broker-core/client/namesrv-client';

/**
 * The console server's settings, read once from the environment (README "Environment"):
 *
 *   RMQ_EMBEDDED=0|1        embedded nameserver + broker off / on (default: on, unless NAMESRV_ADDR is set:
 *                           then the console manages that cluster only, as DESIGN.md's commands say)
 *   RMQ_NAMESRV_PORT=9876   port of the embedded nameserver
 *   RMQ_BROKER_PORT=10911   port of the embedded broker (it also listens on port − 2, the VIP port)
 *   RMQ_LISTEN_HOST=0.0.0.0 address the embedded servers listen on
 *   RMQ_STORE_DIR=./.data/store  the embedded broker's store; the nameserver keeps kvConfig.json and
 *                                namesrv.properties in `namesrv/` beside it (./.data/namesrv by default)
 *   NAMESRV_ADDR=h:p;h:p    the nameservers of another cluster to manage (one registry entry, RocketMQ's meaning)
 *   RMQ_ACCESS_KEY, RMQ_SECRET_KEY  an ACL account the console signs every request with (rocketmq-dashboard's
 *                           rocketmq.config.accessKey / secretKey), for clusters whose brokers run with aclEnable=true
 *
 * Clusters added on the Ops page are kept in `console/clusters.json` beside the store (even with RMQ_EMBEDDED=0).
 *
 * A bad value stops the server with a message naming the variable, rather than running with a guess.
 */
export interface ConsoleConfig {
  embedded: EmbeddedConfig | undefined;
  /** Parsed NAMESRV_ADDR entries, or undefined when unset. */
  externalNamesrvAddrs: string[] | undefined;
  /** clusters.json of the Ops page's clusters; unset = kept in memory only. */
  clustersFile?: string;
  /** ACL account every request is signed with; unset = unsigned requests. */
  credentials?: AclCredentials;
}

export interface EmbeddedConfig {
  listenHost: string;
  namesrvPort: number;
  brokerPort: number;
  /** Directory of the embedded nameserver's kvConfig.json and namesrv.properties. */
  namesrvDir: string;
  storeDir: string;
}

export class ConsoleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleConfigError';
  }
}

const portText = z
  .string()
  .trim()
  .regex(/^\d+$/, 'must be a port number')
  .transform(Number)
  .refine((port) => port <= 65535, 'must be a port number in 0..65535');

const envSchema = z.object({
  RMQ_EMBEDDED: z
    .enum(['0', '1', 'false', 'true'], { error: "must be 0 or 1 (or 'false'/'true')" })
    .optional()
    .transform((value) => (value === undefined ? undefined : value !== '0' && value !== 'false')),
  RMQ_NAMESRV_PORT: portText.optional().transform((port) => port ?? 9876),
  RMQ_BROKER_PORT: portText.optional().transform((port) => port ?? 10911),
  RMQ_LISTEN_HOST: z.string().trim().min(1, 'must not be empty').optional().transform((host) => host ?? '0.0.0.0'),
  RMQ_STORE_DIR: z.string().trim().min(1, 'must not be empty').optional().transform((dir) => dir ?? './.data/store'),
  NAMESRV_ADDR: z.string().optional(),
  RMQ_ACCESS_KEY: z.string().trim().optional(),
  RMQ_SECRET_KEY: z.string().trim().optional(),
});

export function readConsoleConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): ConsoleConfig {
  const blankAsUnset = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key]?.trim() === '' ? undefined : env[key]]));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0]);
    throw new ConsoleConfigError(`${variable}='${env[variable]}' ${issue.message}`);
  }
  const values = parsed.data;
  let externalNamesrvAddrs: string[] | undefined;
  if (values.NAMESRV_ADDR !== undefined) {
    try {
      externalNamesrvAddrs = parseNamesrvAddr(values.NAMESRV_ADDR);
    } catch (error) {
      throw new ConsoleConfigError(`NAMESRV_ADDR: ${(error as Error).message}`);
    }
  }
  const storeDir = resolve(cwd, values.RMQ_STORE_DIR);
  const embeddedOn = values.RMQ_EMBEDDED ?? externalNamesrvAddrs === undefined;
  const embedded: EmbeddedConfig | undefined = embeddedOn
    ? { listenHost: values.RMQ_LISTEN_HOST, namesrvPort: values.RMQ_NAMESRV_PORT, brokerPort: values.RMQ_BROKER_PORT, storeDir, namesrvDir: join(dirname(storeDir), 'namesrv') }
    : undefined;
  return { embedded, externalNamesrvAddrs, clustersFile: join(dirname(storeDir), 'console', 'clusters.json'), credentials: readCredentials(values) };
}

function readCredentials({ RMQ_ACCESS_KEY: accessKey, RMQ_SECRET_KEY: secretKey }: { RMQ_ACCESS_KEY?: string; RMQ_SECRET_KEY?: string }): AclCredentials | undefined {
  if (!accessKey && !secretKey) return undefined;
  if (!accessKey) throw new ConsoleConfigError('RMQ_ACCESS_KEY must be set with RMQ_SECRET_KEY');
  if (!secretKey) throw new ConsoleConfigError('RMQ_SECRET_KEY must be set with RMQ_ACCESS_KEY');
  return { accessKey, secretKey };
}
