import { networkInterfaces } from 'node:os';
import type { AclCredentials } from '../../acl/acl-signature';
import { MQClientError } from '../client-error';
import { parseNamesrvAddr } from '../namesrv-address';

/**
 * Settings every producer, consumer and admin shares (Java `ClientConfig`, spec/config.md §5), with upstream's
 * defaults. Intervals are options so tests can shorten them.
 */
export interface ClientOptions {
  /** `host:port;host:port`, or a list; defaults to the NAMESRV_ADDR environment variable. */
  namesrvAddr?: string | readonly string[];
  /** Address announced in the client id; defaults to the first non-loopback IPv4, as Java picks it. */
  clientIP?: string;
  /** Part of the client id. Default: `<pid>#<hrtime ns>` for producers and clustering consumers, `DEFAULT` otherwise. */
  instanceName?: string;
  unitName?: string;
  /** Route refresh period (pollNameServerInterval), default 30 000 ms. */
  pollNameServerIntervalMs?: number;
  /** Heartbeat period (heartbeatBrokerInterval), default 30 000 ms. */
  heartbeatBrokerIntervalMs?: number;
  /** Consumer offset commit period (persistConsumerOffsetInterval), default 5000 ms. */
  persistConsumerOffsetIntervalMs?: number;
  /** Timeout of ordinary requests (mqClientApiTimeout), default 3000 ms. */
  requestTimeoutMs?: number;
  /** Consumer rebalance period (rocketmq.client.rebalance.waitInterval), default 20 000 ms. */
  rebalanceIntervalMs?: number;
  /** ACL 1.0 account (Java `AclClientRPCHook` + `SessionCredentials`): every request is signed when both are set. */
  accessKey?: string;
  secretKey?: string;
  /** Sent and signed with every request when set (STS). */
  securityToken?: string;
}

export interface ResolvedClientConfig {
  namesrvAddrs: string[];
  clientIP: string;
  instanceName: string;
  unitName?: string;
  pollNameServerIntervalMs: number;
  heartbeatBrokerIntervalMs: number;
  persistConsumerOffsetIntervalMs: number;
  requestTimeoutMs: number;
  rebalanceIntervalMs: number;
  credentials?: AclCredentials;
}

export const DEFAULT_INSTANCE_NAME = 'DEFAULT';

export function resolveClientConfig(options: ClientOptions, defaultInstanceName: string): ResolvedClientConfig {
  const source = options.namesrvAddr ?? process.env.NAMESRV_ADDR;
  if (source === undefined || (typeof source === 'string' && source.trim() === '')) {
    throw new MQClientError('no nameserver address: set namesrvAddr or the NAMESRV_ADDR environment variable');
  }
  const namesrvAddrs = (typeof source === 'string' ? [source] : [...source]).flatMap((entry) => parseNamesrvAddr(entry));
  return {
    namesrvAddrs,
    clientIP: options.clientIP ?? localAddress(),
    instanceName: options.instanceName ?? defaultInstanceName,
    unitName: options.unitName,
    pollNameServerIntervalMs: options.pollNameServerIntervalMs ?? 30_000,
    heartbeatBrokerIntervalMs: options.heartbeatBrokerIntervalMs ?? 30_000,
    persistConsumerOffsetIntervalMs: options.persistConsumerOffsetIntervalMs ?? 5_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 3_000,
    rebalanceIntervalMs: options.rebalanceIntervalMs ?? 20_000,
    credentials: resolveCredentials(options),
  };
}

function resolveCredentials({ accessKey, secretKey, securityToken }: ClientOptions): AclCredentials | undefined {
  if (!accessKey && !secretKey) return undefined;
  if (!accessKey || !secretKey) throw new MQClientError('ACL credentials need both accessKey and secretKey');
  return securityToken ? { accessKey, secretKey, securityToken } : { accessKey, secretKey };
}

/** Java `changeInstanceNameToPID`: `<pid>#<nanoTime>`, unique per client object within a process. */
export function pidInstanceName(): string {
  return `${process.pid}#${process.hrtime.bigint()}`;
}

/** `clientIP@instanceName[@unitName]` (Java `buildMQClientId`). */
export function buildClientId(config: Pick<ResolvedClientConfig, 'clientIP' | 'instanceName' | 'unitName'>): string {
  return config.unitName ? `${config.clientIP}@${config.instanceName}@${config.unitName}` : `${config.clientIP}@${config.instanceName}`;
}

/**
 * Java `RemotingUtil.getLocalAddress`: the first non-loopback IPv4 that is not 127.0.x / 192.168.x, else the last
 * non-loopback IPv4, else the first IPv6, else 127.0.0.1.
 */
export function localAddress(): string {
  const all = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []).filter((entry) => !entry.internal);
  const ipv4 = all.filter((entry) => entry.family === 'IPv4').map((entry) => entry.address);
  const preferred = ipv4.find((ip) => !ip.startsWith('127.0') && !ip.startsWith('192.168'));
  if (preferred) return preferred;
  if (ipv4.length > 0) return ipv4[ipv4.length - 1];
  const ipv6 = all.find((entry) => entry.family === 'IPv6');
  return ipv6 ? ipv6.address : '127.0.0.1';
}
