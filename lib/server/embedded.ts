import { join } from 'node:path';
import { startBroker, type BrokerHandle } from '../../broker-core/broker/index';
import { startNamesrv, type NamesrvHandle } from '../../broker-core/namesrv/index';
import type { EmbeddedConfig } from './console-config';

/**
 * The servers `npm start` runs inside the console process. They start in order (nameserver, then the broker that
 * registers with it) and stop in reverse order; a failure part-way stops what already started, so
 * a second attempt finds the ports free. Everything else in the console reaches them over TCP like any cluster.
 */
export interface EmbeddedServers {
  namesrv: NamesrvHandle;
  /** "host:port" clients use to reach the embedded nameserver. */
  namesrvAddr: string;
  broker: BrokerHandle;
  shutdown(): Promise<void>;
}

interface Started {
  name: string;
  shutdown(): Promise<void>;
}

export class EmbeddedStartError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'EmbeddedStartError';
  }
}

export async function startEmbeddedServers(config: EmbeddedConfig): Promise<EmbeddedServers> {
  const started: Started[] = [];
  try {
    const namesrv = await startStep(started, 'nameserver', `${config.listenHost}:${config.namesrvPort}`, 'RMQ_NAMESRV_PORT', () =>
      startNamesrv({
        listenPort: config.namesrvPort,
        host: config.listenHost,
        kvConfigPath: join(config.namesrvDir, 'kvConfig.json'),
        configStorePath: join(config.namesrvDir, 'namesrv.properties'),
      }),
    );
    const broker = await startStep(started, 'broker', `${config.listenHost}:${config.brokerPort}`, 'RMQ_BROKER_PORT', () =>
      startBroker({
        listenPort: config.brokerPort,
        listenHost: config.listenHost,
        ...(isLoopback(config.listenHost) ? { brokerIP1: config.listenHost, brokerIP2: config.listenHost } : {}),
        namesrvAddr: namesrv.address,
        storePathRootDir: config.storeDir,
        // The console's Trace page reads RMQ_SYS_TRACE_TOPIC: create it so clients with tracing on can write to it.
        traceTopicEnable: true,
      }),
    );
    return { namesrv, namesrvAddr: namesrv.address, broker, shutdown: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function startStep<T extends { shutdown(): Promise<void> }>(
  started: Started[],
  name: string,
  where: string,
  portVariable: string,
  start: () => Promise<T>,
): Promise<T> {
  try {
    const server = await start();
    started.push({ name, shutdown: () => server.shutdown() });
    return server;
  } catch (error) {
    throw new EmbeddedStartError(`embedded ${name} cannot start on ${where}: ${describeStartError(error)} (set ${portVariable} to move it, or RMQ_EMBEDDED=0 to turn the embedded servers off)`, { cause: error });
  }
}

/** A broker bound to loopback must advertise that address, or clients could not reach it. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1';
}

function describeStartError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return 'address already in use';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EADDRNOTAVAIL') return 'address not available on this machine (check RMQ_LISTEN_HOST)';
  return error instanceof Error ? error.message : String(error);
}

/** Reverse start order; every server is asked to stop even if an earlier one fails. */
async function stopAll(started: Started[]): Promise<void> {
  const failures: string[] = [];
  for (const server of started.splice(0).reverse()) {
    try {
      await server.shutdown();
    } catch (error) {
      failures.push(`${server.name}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`embedded servers did not stop cleanly: ${failures.join('; ')}`);
}
