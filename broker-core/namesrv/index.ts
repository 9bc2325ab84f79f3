import { configDefaults } from '../common/config/config-schema';
import { NamesrvController } from './namesrv-controller';
import { namesrvConfigSchema, type NamesrvConfig } from './namesrv-config';
import type { RouteInfoView } from './route-info-manager';

/**
 * Public entry point of the nameserver, used by the mqnamesrv CLI and by the console's embedded cluster.
 *
 *   const namesrv = await startNamesrv({ listenPort: 0, host: '127.0.0.1', kvConfigPath: '/tmp/kv.json' });
 *   namesrv.address;          // "127.0.0.1:40123"
 *   await namesrv.shutdown();
 */
export type { NamesrvConfig } from './namesrv-config';
export { namesrvConfigSchema } from './namesrv-config';
export type { RouteInfoView } from './route-info-manager';

export interface NamesrvHandle {
  /** The bound port (the real one when listenPort was 0). */
  port: number;
  /** "host:port" a client can connect to; a wildcard listen host (0.0.0.0, ::) is given as 127.0.0.1. */
  address: string;
  /** Stops listening, closes every connection, waits for pending KV/config writes. Idempotent. */
  shutdown(): Promise<void>;
  /** Read-only view of the route tables (copies), for tests and diagnostics. */
  routes: RouteInfoView;
  /** The configuration in effect (live: UPDATE_NAMESRV_CONFIG changes it). */
  config: Readonly<NamesrvConfig>;
}

export type StartNamesrvOptions = Partial<NamesrvConfig> & { listenPort: number; host?: string };

export async function startNamesrv(options: StartNamesrvOptions): Promise<NamesrvHandle> {
  const { host, ...overrides } = options;
  const config: NamesrvConfig = { ...configDefaults(namesrvConfigSchema), ...overrides };
  if (host !== undefined) config.listenHost = host;
  const controller = new NamesrvController(config);
  let port: number;
  try {
    port = await controller.start();
  } catch (error) {
    await controller.shutdown();
    throw error;
  }
  const connectHost = ['0.0.0.0', '::', ''].includes(config.listenHost) ? '127.0.0.1' : config.listenHost;
  return {
    port,
    address: `${connectHost.includes(':') ? `[${connectHost}]` : connectHost}:${port}`,
    shutdown: () => controller.shutdown(),
    routes: controller.routes,
    get config() {
      return controller.config;
    },
  };
}
