import { createLogger } from '../common/logger';
import type { Connection } from '../remoting/connection';
import { RemotingServer } from '../remoting/remoting-server';
import { KvConfigManager } from './kv-config-manager';
import type { NamesrvConfig } from './namesrv-config';
import { NamesrvConfigStore } from './namesrv-config-store';
import type { NamesrvContext } from './namesrv-context';
import { brokerRegistrationProcessors } from './processors/broker-registration';
import { kvConfigProcessors } from './processors/kv-config';
import { namesrvConfigProcessors } from './processors/namesrv-config';
import { routeQueryProcessors } from './processors/route-query';
import { topicAdminProcessors } from './processors/topic-admin';
import { writePermProcessors } from './processors/write-perm';
import { RouteInfoManager } from './route-info-manager';

const log = createLogger('namesrv');

/**
 * Composition root of one nameserver: builds the state (routes, KV config, live config), merges the processor maps
 * into the server's table (the only wiring table), and runs liveness: a closed connection removes the brokers that
 * registered on it at once; a scan every `scanNotActiveBrokerInterval` ms removes brokers silent for longer than
 * their timeout and closes their connection. Nameservers share nothing: each instance is a separate cluster view.
 */
export class NamesrvController {
  readonly routes = new RouteInfoManager();
  readonly kvConfig: KvConfigManager;
  readonly configStore: NamesrvConfigStore;
  readonly server: RemotingServer;
  private scanTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(config: NamesrvConfig) {
    this.kvConfig = new KvConfigManager(config.kvConfigPath);
    this.configStore = new NamesrvConfigStore(config);
    this.server = new RemotingServer({ name: 'namesrv', idleTimeoutMs: config.serverChannelMaxIdleTimeSeconds * 1000 });
    const ctx: NamesrvContext = { routes: this.routes, kvConfig: this.kvConfig, config: this.configStore };
    for (const processors of [
      brokerRegistrationProcessors(ctx),
      routeQueryProcessors(ctx),
      topicAdminProcessors(ctx),
      kvConfigProcessors(ctx),
      writePermProcessors(ctx),
      namesrvConfigProcessors(ctx),
    ]) {
      this.server.processors.registerAll(processors);
    }
    this.server.on('disconnect', (connection: Connection) => {
      for (const addr of this.routes.liveTable.registeredOn(connection))
        this.routes.removeBrokerAddress(addr, 'connection closed');
    });
    this.configStore.onChange((changed) => {
      if (changed.includes('scanNotActiveBrokerInterval') && this.scanTimer) this.scheduleScan();
    });
  }

  get config(): Readonly<NamesrvConfig> {
    return this.configStore.config;
  }

  /** Loads the KV store, listens, starts the expiry scan; resolves with the bound port. */
  async start(): Promise<number> {
    await this.kvConfig.load();
    const port = await this.server.listen(this.config.listenPort, this.config.listenHost);
    this.scheduleScan();
    return port;
  }

  /** Removes brokers not heard from within their timeout; returns how many. */
  scanNotActiveBrokers(now: number = Date.now()): number {
    const expired = this.routes.expiredBrokerAddresses(now);
    for (const addr of expired) {
      const info = this.routes.liveTable.get(addr);
      const connection = info?.connection;
      this.routes.removeBrokerAddress(addr, `no registration for more than ${info?.timeoutMillis} ms`);
      // Upstream closes the expired broker's channel; we spare it if another live broker still registers over it.
      if (connection && !connection.closed && this.routes.liveTable.registeredOn(connection).length === 0) {
        connection.destroy(`broker ${addr} expired`);
      }
    }
    return expired.length;
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.scanTimer = undefined;
    await this.server.close();
    await Promise.all([this.kvConfig.flush(), this.configStore.flush()]);
    log.info('nameserver stopped');
  }

  private scheduleScan(): void {
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.scanTimer = setInterval(() => {
      try {
        this.scanNotActiveBrokers();
      } catch (error) {
        log.error('broker expiry scan failed', error);
      }
    }, this.config.scanNotActiveBrokerInterval);
  }
}
