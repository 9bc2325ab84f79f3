import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { ORDER_TOPIC_CONFIG_NAMESPACE } from '../../../broker-core/client/admin/mq-admin';
import { getAllTopicConfig } from '../../../broker-core/client/broker-admin';
import type { ClusterInfo } from '../../../broker-core/protocol/bodies/cluster-info';
import type { TopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { MASTER_BROKER_ID } from '../../../broker-core/protocol/bodies/topic-route-data';
import type { TopicRow } from '../../validations/topic';
import { topicTypes } from './topic-types';

/**
 * Every topic of a registry cluster with its config, in a handful of requests whatever the topic count:
 *
 *   GET_BROKER_CLUSTER_INFO, GET_ALL_TOPIC_LIST_FROM_NAMESERVER, GET_SYSTEM_TOPIC_LIST_FROM_NS,
 *   GET_KVLIST_BY_NAMESPACE(ORDER_TOPIC_CONFIG)                     (nameserver, 4 requests)
 *   GET_ALL_TOPIC_CONFIG                                            (one per master, in parallel)
 *
 * never one route request per topic. The result is cached per cluster (pages: a few seconds; the sampler accepts
 * older) and concurrent callers share one fetch. A master that does not answer leaves its topics with the queue
 * numbers of the other brokers (or 0) and is named in `brokerErrors`.
 */
export const PAGE_MAX_AGE_MS = 5000;

export interface TopicCatalog {
  fetchedAt: number;
  /** Requests this fetch made. */
  requests: number;
  clusterInfo: ClusterInfo;
  /** Sorted by name. */
  rows: TopicRow[];
  /** Master address -> the topics its config holds (the sampler asks brokers about their own topics). */
  topicsByMaster: Map<string, string[]>;
  /** Topic -> its config on each master that holds it (GET_ALL_TOPIC_CONFIG works on every broker version). */
  configs: Map<string, BrokerTopicConfig[]>;
  brokerErrors: Array<{ address: string; message: string }>;
}

export interface BrokerTopicConfig {
  brokerName: string;
  cluster: string;
  address: string;
  config: TopicConfig;
}

export class TopicCatalogCache {
  private readonly entries = new Map<string, { catalog?: TopicCatalog; pending?: Promise<TopicCatalog> }>();

  /** The cluster's catalog, fetched again when older than `maxAgeMs`. */
  async get(clusterId: string, admin: MQAdmin, maxAgeMs = PAGE_MAX_AGE_MS): Promise<TopicCatalog> {
    let entry = this.entries.get(clusterId);
    if (!entry) this.entries.set(clusterId, (entry = {}));
    if (entry.catalog && Date.now() - entry.catalog.fetchedAt <= maxAgeMs) return entry.catalog;
    if (entry.pending) return entry.pending;
    const holder = entry;
    // Only the newest fetch is kept: one started before invalidate() may predate the change it reports.
    const pending: Promise<TopicCatalog> = fetchTopicCatalog(admin)
      .then((catalog) => {
        if (holder.pending === pending) holder.catalog = catalog;
        return catalog;
      })
      .finally(() => {
        if (holder.pending === pending) holder.pending = undefined;
      });
    holder.pending = pending;
    return pending;
  }

  /**
   * Forget a cluster's catalog after a create / update / delete, so the next page load sees the change. A fetch in
   * flight (the sampler's, say) is not shared any more: it may have read the brokers before the change.
   */
  invalidate(clusterId: string): void {
    const entry = this.entries.get(clusterId);
    if (entry) {
      entry.catalog = undefined;
      entry.pending = undefined;
    }
  }
}

export async function fetchTopicCatalog(admin: MQAdmin): Promise<TopicCatalog> {
  const fetchedAt = Date.now();
  const [clusterInfo, topicList, systemTopics, orderConf] = await Promise.all([
    admin.examineBrokerClusterInfo(),
    admin.fetchAllTopicList(),
    admin.fetchSystemTopicList().catch(() => [] as string[]),
    admin.getKvListByNamespace(ORDER_TOPIC_CONFIG_NAMESPACE).catch(() => undefined),
  ]);
  const masters = Object.values(clusterInfo.brokerAddrTable)
    .map((data) => ({ brokerName: data.brokerName, cluster: data.cluster, address: data.brokerAddrs[String(MASTER_BROKER_ID)] }))
    .filter((master): master is { brokerName: string; cluster: string; address: string } => master.address !== undefined);
  const brokerErrors: TopicCatalog['brokerErrors'] = [];
  const tables = await Promise.all(
    masters.map((master) =>
      getAllTopicConfig(admin.remoting, master.address, admin.timeoutMs).then(
        (wrapper) => wrapper.topicConfigTable,
        (error: unknown) => {
          brokerErrors.push({ address: master.address, message: error instanceof Error ? error.message : String(error) });
          return {} as Record<string, TopicConfig>;
        },
      ),
    ),
  );

  const configs = new Map<string, BrokerTopicConfig[]>();
  const topicsByMaster = new Map<string, string[]>();
  masters.forEach((master, index) => {
    const names = Object.keys(tables[index]);
    topicsByMaster.set(master.address, names);
    for (const name of names) {
      const list = configs.get(name) ?? [];
      list.push({ ...master, config: tables[index][name] });
      configs.set(name, list);
    }
  });

  const facts = { systemTopics: new Set(systemTopics), orderTopics: new Set(Object.keys(orderConf ?? {})) };
  const names = new Set([...topicList, ...configs.keys()]);
  const rows: TopicRow[] = [...names].sort().map((name) => {
    const held = configs.get(name) ?? [];
    return {
      name,
      types: topicTypes(
        name,
        held.map((entry) => entry.config),
        facts,
      ),
      readQueueNums: Math.max(0, ...held.map((entry) => entry.config.readQueueNums)),
      writeQueueNums: Math.max(0, ...held.map((entry) => entry.config.writeQueueNums)),
      perm: held.reduce((perm, entry) => perm | entry.config.perm, 0),
      brokerNames: [...new Set(held.map((entry) => entry.brokerName))].sort(),
      clusterNames: [...new Set(held.map((entry) => entry.cluster))].sort(),
    };
  });
  return { fetchedAt, requests: 4 + masters.length, clusterInfo, rows, topicsByMaster, configs, brokerErrors };
}
