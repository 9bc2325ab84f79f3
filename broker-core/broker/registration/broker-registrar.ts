import { createLogger } from '../../common/logger';
import { NamesrvClient, type BrokerIdentity, type RegisterBrokerResult } from '../../client/namesrv-client';
import { isReadable, isWriteable } from '../../protocol/bodies/topic-config';
import type { TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-wrapper';
import type { RemotingClient } from '../../remoting/remoting-client';
import { namesrvAddresses, type BrokerConfig } from '../config/broker-config';

const log = createLogger('broker-registrar');

/**
 * Registration with every nameserver (spec/semantics.md §12.1, Java `BrokerController#registerBrokerAll`):
 * at start (awaited), then every registerNameServerPeriod clamped to [10 s, 60 s] (first periodic run after 10 s),
 * and without waiting after topic changes. The body is the whole topic table with its data version; when the
 * broker-wide permission is not RW every topic is announced with that permission instead (wipeWritePerm). With
 * forceRegister=false a nameserver is first asked whether its copy is stale (QUERY_DATA_VERSION).
 */
export interface RegistrarSource {
  config: BrokerConfig;
  /** "ip:port" clients use. */
  brokerAddr(): string;
  haServerAddr(): string;
  topicWrapper(): TopicConfigSerializeWrapper;
  onRegistered(result: RegisterBrokerResult): void;
}

export class BrokerRegistrar {
  private timer: NodeJS.Timeout | undefined;
  private firstTimer: NodeJS.Timeout | undefined;
  private client: NamesrvClient | undefined;
  private addresses: string[] = [];

  constructor(
    private readonly source: RegistrarSource,
    private readonly remoting: RemotingClient,
  ) {
    this.refreshAddresses();
  }

  /** Re-reads namesrvAddr (it may change through UPDATE_BROKER_CONFIG). */
  refreshAddresses(): void {
    this.addresses = namesrvAddresses(this.source.config);
    this.client = this.addresses.length > 0 ? new NamesrvClient(this.remoting, this.addresses) : undefined;
  }

  get namesrvAddresses(): readonly string[] {
    return this.addresses;
  }

  start(): void {
    const period = Math.max(10_000, Math.min(this.source.config.registerNameServerPeriod, 60_000));
    this.firstTimer = setTimeout(() => {
      void this.registerAll();
      this.timer = setInterval(() => void this.registerAll(), period);
      this.timer.unref();
    }, 10_000);
    this.firstTimer.unref();
  }

  stop(): void {
    clearTimeout(this.firstTimer);
    clearInterval(this.timer);
  }

  identity(): BrokerIdentity {
    const { config } = this.source;
    return { clusterName: config.brokerClusterName, brokerName: config.brokerName, brokerAddr: this.source.brokerAddr(), brokerId: config.brokerId };
  }

  /** Registers with every nameserver in parallel; failures are logged, never thrown. Resolves when all answered. */
  async registerAll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const { config } = this.source;
    const wrapper = this.announcedTopics();
    await Promise.all(
      this.addresses.map(async (address) => {
        try {
          if (!config.forceRegister) {
            const { changed } = await client.queryDataVersion(address, this.identity(), wrapper.dataVersion);
            if (!changed) return;
          }
          const result = await client.registerBroker(
            address,
            {
              ...this.identity(),
              haServerAddr: this.source.haServerAddr(),
              compressed: config.compressedRegister,
              body: { topicConfigSerializeWrapper: wrapper, filterServerList: [] },
            },
            config.registerBrokerTimeoutMills,
          );
          this.source.onRegistered(result);
          log.debug(`register broker to name server ${address} OK`);
        } catch (error) {
          log.warn(`register broker to name server ${address} failed: ${(error as Error).message}`);
        }
      }),
    );
  }

  /** Topic changes: announce without making the caller wait. */
  registerAllOneway(): void {
    void this.registerAll();
  }

  async unregisterAll(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await Promise.all(
      this.addresses.map((address) =>
        client.unregisterBroker(address, this.identity()).catch((error: unknown) => log.warn(`unregister broker from name server ${address} failed: ${(error as Error).message}`)),
      ),
    );
  }

  private announcedTopics(): TopicConfigSerializeWrapper {
    const wrapper = this.source.topicWrapper();
    const permission = this.source.config.brokerPermission;
    if (isWriteable(permission) && isReadable(permission)) return wrapper;
    for (const topic of Object.values(wrapper.topicConfigTable)) topic.perm = permission;
    return wrapper;
  }
}
