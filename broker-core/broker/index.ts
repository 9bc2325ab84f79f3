import { configDefaults } from '../common/config/config-schema';
import { BrokerController } from './broker-controller';
import { brokerConfigSchema, resolveBrokerConfig, type BrokerConfig } from './config/broker-config';

/**
 * Public entry point of the broker, used by the mqbroker CLI and by the console's embedded cluster.
 *
 *   const broker = await startBroker({ listenPort: 0, brokerIP1: '127.0.0.1', storePathRootDir: '/tmp/store',
 *                                      namesrvAddr: namesrv.address });
 *   broker.address;          // "127.0.0.1:40123", registered with the nameserver
 *   await broker.shutdown();
 *
 * Keys and defaults are Apache RocketMQ's (spec/config.md §2); upstream's start-up rules apply (masters get
 * brokerId 0, a SLAVE needs brokerId > 0; ConfigError otherwise).
 */
export { brokerConfigSchema, resolveBrokerConfig, IMPORTANT_KEYS, type BrokerConfig } from './config/broker-config';
export { BrokerController } from './broker-controller';

export interface BrokerHandle {
  /** "brokerIP1:port", the address registered with nameservers and written into message ids. */
  address: string;
  /** The bound client port (the real one when listenPort was 0). */
  port: number;
  /** The VIP port (listenPort − 2, or another free port when listenPort was 0). */
  fastPort: number;
  /** The configuration in effect (live: UPDATE_BROKER_CONFIG changes it). */
  config: Readonly<BrokerConfig>;
  /** Unregisters from the nameservers, closes connections, persists offsets, closes the store. Idempotent. */
  shutdown(): Promise<void>;
  /** The composition root, for tests and diagnostics. */
  controller: BrokerController;
}

export async function startBroker(overrides: Partial<BrokerConfig> = {}): Promise<BrokerHandle> {
  const config = resolveBrokerConfig({ ...configDefaults(brokerConfigSchema), ...overrides });
  const controller = new BrokerController(config);
  await controller.start();
  return {
    address: controller.brokerAddr,
    port: controller.port,
    fastPort: controller.fastPort,
    get config() {
      return controller.config;
    },
    shutdown: () => controller.shutdown(),
    controller,
  };
}
