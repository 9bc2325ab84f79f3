import { createLogger } from '../common/logger';
import type { Connection } from '../remoting/connection';
import { dataVersionEquals, type DataVersion } from '../protocol/bodies/data-version';
import type { ClusterInfo } from '../protocol/bodies/cluster-info';
import { PERM_READ, PERM_WRITE, type TopicConfig } from '../protocol/bodies/topic-config';
import type { TopicConfigSerializeWrapper } from '../protocol/bodies/topic-config-wrapper';
import {
  MASTER_BROKER_ID,
  type BrokerData,
  type QueueData,
  type TopicRouteData,
} from '../protocol/bodies/topic-route-data';
import { BrokerLiveTable } from './broker-live-table';

const log = createLogger('namesrv');

/**
 * The nameserver's route state (Java RouteInfoManager; semantics.md §12):
 *
 *   topicQueueTable   topic -> brokerName -> QueueData      (from master registrations only)
 *   brokerAddrTable   brokerName -> {cluster, brokerId -> addr}
 *   clusterAddrTable  cluster -> brokerNames
 *   liveTable         brokerAddr -> last registration (time, data version, connection, HA address)
 *   filterServerTable brokerAddr -> filter server addresses
 *
 * Node runs each request handler to completion before the next, and nothing here awaits, so every method sees and
 * leaves the tables consistent without the read/write lock Java needs.
 */
interface BrokerEntry {
  cluster: string;
  brokerName: string;
  brokerAddrs: Map<number, string>;
}

export interface RegisterBrokerParams {
  clusterName: string;
  brokerAddr: string;
  brokerName: string;
  brokerId: number;
  haServerAddr: string;
  topicConfigWrapper: TopicConfigSerializeWrapper;
  /** undefined = not sent (pre-3.0.11 body); [] = clear. */
  filterServerList?: string[];
  connection?: Connection;
  /** 5.x header heartbeatTimeoutMillis; defaults to the nameserver's brokerChannelExpiredTime. */
  timeoutMillis: number;
}

export interface RegisterBrokerResult {
  masterAddr?: string;
  haServerAddr?: string;
}

/** What tests and embedders may read; all results are copies. */
export interface RouteInfoView {
  pickupTopicRouteData(topic: string): TopicRouteData | undefined;
  getAllClusterInfo(): ClusterInfo;
  getAllTopicList(): string[];
  liveBrokerAddresses(): string[];
}

export class RouteInfoManager implements RouteInfoView {
  private readonly topicQueueTable = new Map<string, Map<string, QueueData>>();
  private readonly brokerAddrTable = new Map<string, BrokerEntry>();
  private readonly clusterAddrTable = new Map<string, Set<string>>();
  private readonly filterServerTable = new Map<string, string[]>();
  readonly liveTable = new BrokerLiveTable();

  registerBroker(params: RegisterBrokerParams, now: number = Date.now()): RegisterBrokerResult {
    const { clusterName, brokerAddr, brokerName, brokerId } = params;
    let brokerNames = this.clusterAddrTable.get(clusterName);
    if (!brokerNames) this.clusterAddrTable.set(clusterName, (brokerNames = new Set()));
    brokerNames.add(brokerName);

    let entry = this.brokerAddrTable.get(brokerName);
    let firstRegistration = false;
    if (!entry) {
      firstRegistration = true;
      entry = { cluster: clusterName, brokerName, brokerAddrs: new Map() };
      this.brokerAddrTable.set(brokerName, entry);
    }
    // One address has one id: a slave promoted to master re-registers its address under id 0.
    for (const [id, addr] of entry.brokerAddrs)
      if (addr === brokerAddr && id !== brokerId) entry.brokerAddrs.delete(id);
    const oldAddr = entry.brokerAddrs.get(brokerId);
    entry.brokerAddrs.set(brokerId, brokerAddr);
    firstRegistration ||= oldAddr === undefined;

    const wrapper = params.topicConfigWrapper;
    if (
      brokerId === MASTER_BROKER_ID &&
      (firstRegistration || this.isBrokerTopicConfigChanged(brokerAddr, wrapper.dataVersion))
    ) {
      for (const config of Object.values(wrapper.topicConfigTable)) this.upsertQueueData(brokerName, config);
    }

    const isNew = this.liveTable.put(brokerAddr, {
      lastUpdateTimestamp: now,
      dataVersion: wrapper.dataVersion,
      connection: params.connection,
      haServerAddr: params.haServerAddr,
      timeoutMillis: params.timeoutMillis,
    });
    if (isNew)
      log.info(
        `new broker registered: ${brokerName}[${brokerId}] ${brokerAddr} (cluster ${clusterName}, HA ${params.haServerAddr})`,
      );

    if (params.filterServerList !== undefined) {
      if (params.filterServerList.length === 0) this.filterServerTable.delete(brokerAddr);
      else this.filterServerTable.set(brokerAddr, [...params.filterServerList]);
    }

    const result: RegisterBrokerResult = {};
    if (brokerId !== MASTER_BROKER_ID) {
      const masterAddr = entry.brokerAddrs.get(MASTER_BROKER_ID);
      const masterLive = masterAddr === undefined ? undefined : this.liveTable.get(masterAddr);
      if (masterAddr !== undefined && masterLive) {
        result.masterAddr = masterAddr;
        result.haServerAddr = masterLive.haServerAddr;
      }
    }
    return result;
  }

  isBrokerTopicConfigChanged(brokerAddr: string, dataVersion: DataVersion): boolean {
    const previous = this.liveTable.get(brokerAddr)?.dataVersion;
    return !previous || !dataVersionEquals(previous, dataVersion);
  }

  queryBrokerDataVersion(brokerAddr: string): DataVersion | undefined {
    return this.liveTable.get(brokerAddr)?.dataVersion;
  }

  private upsertQueueData(brokerName: string, config: TopicConfig): void {
    const queueData: QueueData = {
      brokerName,
      readQueueNums: config.readQueueNums,
      writeQueueNums: config.writeQueueNums,
      perm: config.perm,
      topicSysFlag: config.topicSysFlag,
    };
    let queues = this.topicQueueTable.get(config.topicName);
    if (!queues) {
      this.topicQueueTable.set(config.topicName, (queues = new Map()));
      log.info(`new topic registered: ${config.topicName} on ${brokerName}`);
    }
    queues.set(brokerName, queueData);
  }

  /** UNREGISTER_BROKER: a broker shutting down cleanly. */
  unregisterBroker(clusterName: string, brokerAddr: string, brokerName: string, brokerId: number): void {
    this.liveTable.delete(brokerAddr);
    this.filterServerTable.delete(brokerAddr);
    const entry = this.brokerAddrTable.get(brokerName);
    if (!entry) return;
    entry.brokerAddrs.delete(brokerId);
    log.info(`broker unregistered: ${brokerName}[${brokerId}] ${brokerAddr}`);
    if (entry.brokerAddrs.size === 0) this.removeBrokerName(brokerName, clusterName);
  }

  /** Forgets a broker address (expired or its connection closed); the last address of a name takes the name along. */
  removeBrokerAddress(brokerAddr: string, reason: string): void {
    this.liveTable.delete(brokerAddr);
    this.filterServerTable.delete(brokerAddr);
    for (const entry of this.brokerAddrTable.values()) {
      for (const [id, addr] of entry.brokerAddrs) {
        if (addr !== brokerAddr) continue;
        entry.brokerAddrs.delete(id);
        log.info(`broker ${entry.brokerName}[${id}] ${brokerAddr} removed: ${reason}`);
        if (entry.brokerAddrs.size === 0) this.removeBrokerName(entry.brokerName);
        return;
      }
    }
  }

  /** Removes a broker name from the address table, from its cluster(s) and its queue data from every topic. */
  private removeBrokerName(brokerName: string, clusterName?: string): void {
    this.brokerAddrTable.delete(brokerName);
    for (const [cluster, names] of this.clusterAddrTable) {
      if (clusterName !== undefined && cluster !== clusterName) continue;
      if (names.delete(brokerName) && names.size === 0) this.clusterAddrTable.delete(cluster);
    }
    for (const [topic, queues] of this.topicQueueTable) {
      if (queues.delete(brokerName) && queues.size === 0) this.topicQueueTable.delete(topic);
    }
    log.info(`broker name ${brokerName} has no address left; removed with its queues`);
  }

  /** Addresses whose registration is older than their timeout; the caller removes them (and closes connections). */
  expiredBrokerAddresses(now: number = Date.now()): string[] {
    return this.liveTable.expired(now);
  }

  pickupTopicRouteData(topic: string): TopicRouteData | undefined {
    const queues = this.topicQueueTable.get(topic);
    if (!queues || queues.size === 0) return undefined;
    const brokerNames = [...queues.keys()].sort();
    const brokerDatas = brokerNames.flatMap((name) => {
      const entry = this.brokerAddrTable.get(name);
      return entry ? [toBrokerData(entry)] : [];
    });
    if (brokerDatas.length === 0) return undefined;
    const filterServerTable: Record<string, string[]> = {};
    for (const data of brokerDatas) {
      for (const addr of Object.values(data.brokerAddrs)) {
        const servers = this.filterServerTable.get(addr);
        if (servers) filterServerTable[addr] = [...servers];
      }
    }
    const queueDatas = brokerNames.map((name) => ({ ...(queues.get(name) as QueueData) }));
    return { queueDatas, brokerDatas, filterServerTable };
  }

  getAllClusterInfo(): ClusterInfo {
    const info: ClusterInfo = { brokerAddrTable: {}, clusterAddrTable: {} };
    for (const [name, entry] of this.brokerAddrTable) info.brokerAddrTable[name] = toBrokerData(entry);
    for (const [cluster, names] of this.clusterAddrTable) info.clusterAddrTable[cluster] = [...names].sort();
    return info;
  }

  getAllTopicList(): string[] {
    return [...this.topicQueueTable.keys()];
  }

  getTopicsByCluster(cluster: string): string[] {
    const names = this.clusterAddrTable.get(cluster);
    if (!names) return [];
    return [...this.topicQueueTable]
      .filter(([, queues]) => [...names].some((name) => queues.has(name)))
      .map(([topic]) => topic);
  }

  /** Cluster names and broker names (brokers register topics named after both), and one broker address. */
  getSystemTopicList(): { topicList: string[]; brokerAddr?: string } {
    const topicList: string[] = [];
    for (const [cluster, names] of this.clusterAddrTable) topicList.push(cluster, ...names);
    const anyBroker = [...this.brokerAddrTable.values()].find((entry) => entry.brokerAddrs.size > 0);
    const brokerAddr = anyBroker ? [...anyBroker.brokerAddrs.values()][0] : undefined;
    return brokerAddr === undefined ? { topicList } : { topicList, brokerAddr };
  }

  /** Topics whose (first) queue data matches: GET_UNIT_TOPIC_LIST and friends. */
  topicsWhere(predicate: (queue: QueueData) => boolean): string[] {
    return [...this.topicQueueTable]
      .filter(([, queues]) => {
        const first = queues.values().next().value;
        return first !== undefined && predicate(first);
      })
      .map(([topic]) => topic);
  }

  /** DELETE_TOPIC_IN_NAMESRV; with a cluster, only that cluster's brokers lose the topic. */
  deleteTopic(topic: string, clusterName?: string): void {
    if (clusterName === undefined || clusterName === '') {
      this.topicQueueTable.delete(topic);
      return;
    }
    const queues = this.topicQueueTable.get(topic);
    const names = this.clusterAddrTable.get(clusterName);
    if (!queues || !names) return;
    for (const name of names) queues.delete(name);
    if (queues.size === 0) this.topicQueueTable.delete(topic);
  }

  /** WIPE (clear the write bit) or ADD (set READ|WRITE) on every topic of a broker; returns the topic count. */
  changeWritePerm(brokerName: string, operation: 'wipe' | 'add'): number {
    let count = 0;
    for (const queues of this.topicQueueTable.values()) {
      const queue = queues.get(brokerName);
      if (!queue) continue;
      queue.perm = operation === 'wipe' ? queue.perm & ~PERM_WRITE : PERM_READ | PERM_WRITE;
      count++;
    }
    return count;
  }

  liveBrokerAddresses(): string[] {
    return this.liveTable.addresses();
  }
}

function toBrokerData(entry: BrokerEntry): BrokerData {
  const brokerAddrs: Record<string, string> = {};
  for (const [id, addr] of [...entry.brokerAddrs].sort(([a], [b]) => a - b)) brokerAddrs[String(id)] = addr;
  return { cluster: entry.cluster, brokerName: entry.brokerName, brokerAddrs };
}
