import { applyConfigSource, formatConfig } from '../common/config/config-loader';
import { createLogger } from '../common/logger';
import { newDataVersion, nextDataVersion, type DataVersion } from '../protocol/bodies/data-version';
import type { RequestHandler } from '../remoting/processor-table';
import { RemotingClient } from '../remoting/remoting-client';
import { RemotingServer } from '../remoting/remoting-server';
import type { Connection } from '../remoting/connection';
import { MessageStore } from '../store/message-store';
import { writeConfigFile } from '../store/config-file';
import type { BrokerContext } from './broker-context';
import { BrokerServices } from './broker-services';
import { notifyConsumerIdsChanged } from './client/client-notifier';
import { ConsumerManager } from './client/consumer-manager';
import { ProducerManager } from './client/producer-manager';
import { RebalanceLockManager } from './client/rebalance-lock-manager';
import { brokerConfigSchema, toMessageStoreConfig, type BrokerConfig } from './config/broker-config';
import { SqlFilterCache } from './filter/sql-filter-cache';
import { PullRequestHoldService } from './longpolling/pull-request-hold-service';
import { ConsumerOffsetManager } from './offset/consumer-offset-manager';
import type { PlainPermissionManager } from '../acl';
import { aclRequestHook, startBrokerAcl } from './acl/broker-acl';
import { aclConfigProcessor } from './processors/admin/acl-config';
import { consumeStatsProcessor } from './processors/admin/consume-stats';
import { brokerConfigProcessor } from './processors/admin/broker-config';
import { consumerForwardProcessor } from './processors/admin/consumer-forward';
import { groupAdminProcessor } from './processors/admin/group';
import { offsetAdminProcessor } from './processors/admin/offset';
import { statsAdminProcessor } from './processors/admin/stats';
import { topicAdminProcessor } from './processors/admin/topic';
import { clientManageProcessor } from './processors/client-manage';
import { consumerManageProcessor } from './processors/consumer-manage';
import { endTransactionProcessor } from './processors/end-transaction';
import { pullMessageProcessor } from './processors/pull-message';
import { queryMessageProcessor } from './processors/query-message';
import { queueLockProcessor } from './processors/queue-lock';
import { queueOffsetProcessor } from './processors/queue-offset';
import { sendMessageProcessor } from './processors/send-message';
import { sendMessageBackProcessor } from './processors/send-message-back';
import { BrokerRegistrar } from './registration/broker-registrar';
import { delayOffsetFile } from './schedule/delay-offset-file';
import { ScheduleMessageService } from './schedule/schedule-message-service';
import { SlaveSynchronize } from './slave/slave-synchronize';
import { startReplication, type BrokerReplication } from './ha/broker-replication';
import { BrokerRuntimeStats } from './stats/broker-runtime-stats';
import { BrokerStatsManager } from './stats/broker-stats-manager';
import { SubscriptionGroupManager } from './subscription/subscription-group-manager';
import { TopicConfigManager } from './topic/topic-config-manager';
import { TransactionCheckService } from './transaction/transaction-check-service';

const log = createLogger('broker');

/** Store keys UPDATE_BROKER_CONFIG may change on a running store. */
const LIVE_STORE_KEYS = ['maxMessageSize', 'fileReservedTime', 'deleteWhen', 'diskMaxUsedSpaceRatio', 'cleanFileForciblyEnable', 'accessMessageInMemoryMaxRatio', 'maxTransferBytesOnMessageInMemory', 'maxTransferCountOnMessageInMemory', 'maxTransferBytesOnMessageInDisk', 'maxTransferCountOnMessageInDisk', 'defaultQueryMaxNum', 'maxMsgsNumBatch', 'syncFlushTimeout', 'osPageCacheBusyTimeOutMills'] as const;

/**
 * The broker's composition root (Java `BrokerController`): the store, the managers, the two remoting servers
 * (listenPort and the VIP port listenPort-2, same processors) and the one wiring table of request codes to handlers.
 *
 * Start order: listen (so the real port is known for message ids and registration; requests before the wiring is
 * done get REQUEST_CODE_NOT_SUPPORTED) → open the store → load topics.json, subscriptionGroup.json,
 * consumerOffset.json → wire processors → timers → register with every nameserver.
 * Shutdown runs it backwards: unregister, stop timers and long polls, close servers, persist, close the store.
 */
export class BrokerController implements BrokerContext {
  readonly server: RemotingServer;
  readonly fastServer: RemotingServer;
  readonly remotingClient: RemotingClient;
  readonly topics: TopicConfigManager;
  readonly groups: SubscriptionGroupManager;
  readonly offsets: ConsumerOffsetManager;
  readonly consumers: ConsumerManager;
  readonly producers = new ProducerManager();
  readonly locks: RebalanceLockManager;
  readonly stats: BrokerStatsManager;
  readonly sqlFilters = new SqlFilterCache();
  readonly registrar: BrokerRegistrar;
  readonly services: BrokerServices;
  configVersion: DataVersion = newDataVersion();
  private storeInstance: MessageStore | undefined;
  private hold: PullRequestHoldService | undefined;
  private runtime: BrokerRuntimeStats | undefined;
  private scheduleService: ScheduleMessageService | undefined;
  private transactionCheck: TransactionCheckService | undefined;
  private slaveSynchronize: SlaveSynchronize | undefined;
  /** Commit-log replication: the HA service of a master, the HA client of a slave (spec/ha.md). */
  replication: BrokerReplication | undefined;
  acl: PlainPermissionManager | undefined;
  private listenPortBound = 0;
  private fastPortBound = 0;
  private shuttingDown: Promise<void> | undefined;
  private metadataLoaded = false;

  constructor(readonly config: BrokerConfig) {
    const idleTimeoutMs = config.serverChannelMaxIdleTimeSeconds * 1000;
    this.server = new RemotingServer({ name: 'broker', idleTimeoutMs });
    this.fastServer = new RemotingServer({ name: 'broker-vip', idleTimeoutMs });
    this.remotingClient = new RemotingClient({ name: 'broker', connectTimeoutMs: config.connectTimeoutMillis, idleTimeoutMs: config.clientChannelMaxIdleTimeSeconds * 1000 });
    this.topics = new TopicConfigManager(config);
    this.groups = new SubscriptionGroupManager(config);
    this.offsets = new ConsumerOffsetManager(config.storePathRootDir);
    this.services = new BrokerServices(this);
    this.consumers = new ConsumerManager((group, members) => notifyConsumerIdsChanged(group, members));
    this.locks = new RebalanceLockManager(() => this.config.rebalanceLockMaxLiveTime);
    this.stats = new BrokerStatsManager(config.brokerClusterName);
    this.registrar = new BrokerRegistrar(
      {
        config,
        brokerAddr: () => this.brokerAddr,
        haServerAddr: () => `${this.config.brokerIP2}:${this.haListenPort}`,
        topicWrapper: () => this.topics.buildSerializeWrapper(),
        onRegistered: (result) => {
          this.slaveSync?.setMasterAddr(result.masterAddr);
          this.replication?.onMasterHaAddress(result.haServerAddr);
          this.topics.updateOrderTopicConfig(result.orderTopicConfig);
        },
      },
      this.remotingClient,
    );
    this.topics.onChanged = () => this.registrar.registerAllOneway();
  }

  get store(): MessageStore {
    if (!this.storeInstance) throw new Error('the broker has not started');
    return this.storeInstance;
  }

  get pullHold(): PullRequestHoldService {
    if (!this.hold) throw new Error('the broker has not started');
    return this.hold;
  }

  get schedule(): ScheduleMessageService {
    if (!this.scheduleService) throw new Error('the broker has not started');
    return this.scheduleService;
  }

  get runtimeStats(): BrokerRuntimeStats {
    if (!this.runtime) throw new Error('the broker has not started');
    return this.runtime;
  }

  /** SLAVE only: pulls the master's metadata (spec/ha.md §4). */
  get slaveSync(): SlaveSynchronize | undefined {
    return this.slaveSynchronize;
  }

  get port(): number {
    return this.listenPortBound;
  }

  get fastPort(): number {
    return this.fastPortBound;
  }

  get haListenPort(): number {
    return this.replication?.haPort || this.listenPortBound + 1;
  }

  get brokerAddr(): string {
    return `${this.config.brokerIP1}:${this.listenPortBound}`;
  }

  /** The wiring table: every request code the broker serves, by family. */
  private processorTable(): Array<Map<number, RequestHandler>> {
    return [
      sendMessageProcessor(this),
      sendMessageBackProcessor(this),
      endTransactionProcessor(this),
      pullMessageProcessor(this),
      queryMessageProcessor(this),
      clientManageProcessor(this),
      consumerManageProcessor(this),
      queueOffsetProcessor(this),
      queueLockProcessor(this),
      topicAdminProcessor(this),
      groupAdminProcessor(this),
      consumeStatsProcessor(this),
      offsetAdminProcessor(this),
      statsAdminProcessor(this),
      brokerConfigProcessor(this),
      consumerForwardProcessor(this),
      aclConfigProcessor(this),
    ];
  }

  async start(): Promise<void> {
    const { config } = this;
    try {
      // Before the ports open: no request is served unchecked, and a bad ACL file stops start-up.
      this.acl = await startBrokerAcl(config);
      const aclHook = this.acl && aclRequestHook(this.acl);
      for (const server of [this.server, this.fastServer]) server.processors.setRequestHook(aclHook);
      this.listenPortBound = await this.server.listen(config.listenPort, config.listenHost);
      this.fastPortBound = await this.fastServer.listen(config.listenPort === 0 ? 0 : config.listenPort - 2, config.listenHost);
      const store = await MessageStore.open(toMessageStoreConfig(config), { storeHost: this.brokerAddr });
      this.storeInstance = store;
      // A master's HA port is listenPort + 1 (any free port when the broker itself took an ephemeral one).
      this.replication = await startReplication(config, store, config.listenPort === 0 ? 0 : this.listenPortBound + 1);
      this.config.haListenPort = this.haListenPort;
      this.hold = new PullRequestHoldService((topic, queueId) => store.getMaxOffsetInQueue(topic, queueId));
      this.runtime = new BrokerRuntimeStats(store);
      this.scheduleService = new ScheduleMessageService(store, delayOffsetFile(config.storePathRootDir), () => this.config.flushDelayOffsetInterval);
      store.addMessageArrivingListener((arrival) => {
        this.hold?.notifyMessageArriving(arrival);
        this.scheduleService?.onMessageArriving(arrival);
      });
      this.topics.load();
      this.groups.load();
      this.offsets.load();
      this.scheduleService.load();
      this.metadataLoaded = true;
      for (const server of [this.server, this.fastServer]) {
        for (const handlers of this.processorTable()) server.processors.registerAll(handlers);
        server.on('disconnect', (connection: Connection) => this.onConnectionClosed(connection));
      }
      this.services.start();
      if (config.brokerRole !== 'SLAVE') {
        this.scheduleService.start();
        this.transactionCheck = new TransactionCheckService(this);
        this.transactionCheck.start();
      }
      this.stats.start();
      this.runtime.start();
      // Created before the first registration, whose reply names the master.
      if (config.brokerRole === 'SLAVE') this.slaveSynchronize = new SlaveSynchronize(this, this.remotingClient);
      await this.registrar.registerAll();
      this.registrar.start();
      this.slaveSync?.start();
    } catch (error) {
      await this.shutdown();
      throw error;
    }
  }

  private onConnectionClosed(connection: Connection): void {
    this.consumers.doChannelCloseEvent(connection, (group) => this.services.notifyEnabled(group));
    this.producers.doChannelCloseEvent(connection);
  }

  formatConfig(): string {
    return formatConfig(brokerConfigSchema, this.config);
  }

  updateConfig(entries: ReadonlyArray<readonly [string, string]>): void {
    const warnings: string[] = [];
    const before = { brokerPermission: this.config.brokerPermission, namesrvAddr: this.config.namesrvAddr };
    const applied = applyConfigSource(brokerConfigSchema, this.config, { name: 'UPDATE_BROKER_CONFIG', entries }, warnings);
    for (const warning of warnings) log.warn(warning);
    if (applied.length === 0) return;
    this.configVersion = nextDataVersion(this.configVersion);
    const storeConfig = toMessageStoreConfig(this.config);
    if (this.storeInstance) for (const key of LIVE_STORE_KEYS) (this.storeInstance.config as unknown as Record<string, unknown>)[key] = storeConfig[key];
    try {
      writeConfigFile(this.config.brokerConfigPath, this.formatConfig());
    } catch (error) {
      log.error(`cannot write the broker config file ${this.config.brokerConfigPath}`, error);
    }
    if (before.namesrvAddr !== this.config.namesrvAddr) this.registrar.refreshAddresses();
    if (before.brokerPermission !== this.config.brokerPermission) this.topics.bumpDataVersion();
    if (before.brokerPermission !== this.config.brokerPermission || before.namesrvAddr !== this.config.namesrvAddr) this.registrar.registerAllOneway();
    log.info(`broker config updated: ${applied.join(', ')}`);
  }

  /** Idempotent. */
  shutdown(): Promise<void> {
    this.shuttingDown ??= this.doShutdown();
    return this.shuttingDown;
  }

  private async doShutdown(): Promise<void> {
    this.registrar.stop();
    this.slaveSync?.stop();
    this.acl?.stopWatching();
    if (this.storeInstance) await this.registrar.unregisterAll();
    this.services.stop();
    this.stats.shutdown();
    this.runtime?.shutdown();
    this.hold?.shutdown();
    await Promise.all([this.server.close(), this.fastServer.close()]);
    await this.transactionCheck?.shutdown();
    await this.remotingClient.close();
    await this.replication?.close();
    if (this.metadataLoaded) {
      this.services.persistOffsets(true);
      this.scheduleService?.shutdown();
    }
    await this.storeInstance?.shutdown();
  }
}
