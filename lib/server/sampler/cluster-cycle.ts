import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { getBrokerConsumeStats, getBrokerRuntimeInfo, getTopicStatsInfo } from '../../../broker-core/client/broker-admin';
import type { ConsumeStatsList } from '../../../broker-core/protocol/bodies/consume-stats';
import { MASTER_BROKER_ID } from '../../../broker-core/protocol/bodies/topic-route-data';
import type { BrokerTps, MetricsSample, Ranked, SamplerCost } from '../../validations/metrics';
import { firstToken } from '../cluster-brokers';
import type { TopicCatalog, TopicCatalogCache } from '../topics/topic-catalog';
import type { AdaptiveGate } from './adaptive-gate';
import { mapLimited } from '../map-limited';
import type { TopicTpsTracker } from './topic-tps-tracker';

/**
 * One sampling cycle of one registry cluster. Requests, whatever the number of topics and groups:
 *
 *   GET_BROKER_CLUSTER_INFO                    1 (nameserver)
 *   GET_BROKER_RUNTIME_INFO                    1 per broker address      -> put / get TPS per broker
 *   GET_BROKER_CONSUME_STATS                   1 per master, rate-limited -> lag of every group, offsets of every
 *                                                                           consumed topic
 *   GET_TOPIC_STATS_INFO                       ≤ topicBudget per master  -> offsets of the other topics
 *   topic catalog (topic-catalog.ts)           4 + 1 per master, when older than CATALOG_MAX_AGE_MS
 *
 * A broker that fails is listed in `errors`; the cycle goes on with the others.
 */
export const CATALOG_MAX_AGE_MS = 30_000;
export const TOP_N = 10;

export interface CycleContext {
  clusterId: string;
  admin: MQAdmin;
  catalog: TopicCatalogCache;
  tracker: TopicTpsTracker;
  consumeStatsGate: AdaptiveGate;
  topicBudget: number;
  /** Lags of the last measured cycle, carried while GET_BROKER_CONSUME_STATS is rate-limited. */
  previousLags: ReadonlyMap<string, number> | undefined;
}

export interface CycleResult {
  sample: MetricsSample;
  /** Group -> lag, only when measured this cycle. */
  groupLags: Map<string, number> | undefined;
  cost: SamplerCost;
}

export async function runClusterCycle(ctx: CycleContext): Promise<CycleResult> {
  const startedAt = Date.now();
  let requests = 0;
  const count = <T>(promise: Promise<T>): Promise<T> => {
    requests += 1;
    return promise;
  };
  const errors: MetricsSample['errors'] = [];
  const failed = (address: string) => (error: unknown) => {
    errors.push({ address, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  };
  const { admin } = ctx;

  const info = await count(admin.examineBrokerClusterInfo());
  const addresses = Object.values(info.brokerAddrTable).flatMap((data) =>
    Object.entries(data.brokerAddrs).map(([id, address]) => ({ brokerName: data.brokerName, brokerId: Number(id), address })),
  );
  const masters = addresses.filter((broker) => broker.brokerId === MASTER_BROKER_ID).map((broker) => broker.address);

  const catalogPromise = ctx.catalog.get(ctx.clusterId, admin, CATALOG_MAX_AGE_MS).catch(failed('topic catalog'));
  const consumeDue = ctx.consumeStatsGate.due(startedAt);
  const [runtimes, consumeStats, catalog] = await Promise.all([
    Promise.all(addresses.map((broker) => count(getBrokerRuntimeInfo(admin.remoting, broker.address, admin.timeoutMs)).catch(failed(broker.address)))),
    consumeDue ? measureConsumeStats(ctx, masters, count, failed) : Promise.resolve(undefined),
    catalogPromise,
  ]);
  if (catalog && catalog.fetchedAt >= startedAt) requests += catalog.requests;

  const brokers: BrokerTps[] = addresses
    .map((broker, index) => {
      const runtime = runtimes[index];
      return runtime
        ? { ...broker, putTps: firstToken(runtime.putTps), getTps: firstToken(runtime.getTransferedTps ?? runtime.getTransferredTps) }
        : { ...broker, putTps: null, getTps: null };
    })
    .sort((a, b) => a.brokerName.localeCompare(b.brokerName) || a.brokerId - b.brokerId);

  const observedAt = Date.now();
  const covered = new Map<string, Set<string>>();
  if (consumeStats) observeConsumedTopics(ctx, consumeStats.lists, covered, observedAt);
  const topicsSampled = catalog ? await sampleTopicStats(ctx, catalog, masters, covered, count, failed) : 0;

  const groupLags = consumeStats?.lags;
  const lags = groupLags ?? ctx.previousLags ?? new Map<string, number>();
  const now = Date.now();
  const sample: MetricsSample = {
    clusterId: ctx.clusterId,
    t: startedAt,
    putTps: round2(brokers.filter((broker) => broker.brokerId === MASTER_BROKER_ID).reduce((sum, broker) => sum + (broker.putTps ?? 0), 0)),
    getTps: round2(brokers.reduce((sum, broker) => sum + (broker.getTps ?? 0), 0)),
    brokers,
    topTopics: top([...ctx.tracker.topicTps(now)].map(([name, value]) => ({ name, value: round2(value) }))),
    topGroups: top([...lags].map(([name, value]) => ({ name, value }))),
    totalLag: [...lags.values()].reduce((sum, lag) => sum + lag, 0),
    errors,
  };
  const cost: SamplerCost = {
    clusterId: ctx.clusterId,
    at: startedAt,
    elapsedMs: Date.now() - startedAt,
    requests,
    topicsKnown: catalog?.rows.length ?? 0,
    topicsSampled,
    groups: lags.size,
  };
  return { sample, groupLags, cost };
}

type Count = <T>(promise: Promise<T>) => Promise<T>;
type Failed = (address: string) => (error: unknown) => undefined;

async function measureConsumeStats(ctx: CycleContext, masters: string[], count: Count, failed: Failed): Promise<{ lists: Array<{ address: string; list: ConsumeStatsList }>; lags: Map<string, number> }> {
  const startedAt = Date.now();
  const answers = await mapLimited(masters, 4, (address) =>
    count(getBrokerConsumeStats(ctx.admin.remoting, address, false, ctx.admin.timeoutMs * 2))
      .then((list) => ({ address, list }))
      .catch(failed(address)),
  );
  ctx.consumeStatsGate.record(startedAt, Date.now() - startedAt);
  const lists = answers.filter((answer): answer is { address: string; list: ConsumeStatsList } => answer !== undefined);
  const lags = new Map<string, number>();
  for (const { list } of lists) {
    for (const byGroup of list.consumeStatsList) {
      for (const [group, statsList] of Object.entries(byGroup)) {
        let lag = lags.get(group) ?? 0;
        for (const stats of statsList) for (const { value } of stats.offsetTable) lag += Math.max(0, value.brokerOffset - value.consumerOffset);
        lags.set(group, lag);
      }
    }
  }
  return { lists, lags };
}

/** brokerOffset is the queue's max offset: one observation per consumed topic and broker, for free. */
function observeConsumedTopics(ctx: CycleContext, lists: Array<{ address: string; list: ConsumeStatsList }>, covered: Map<string, Set<string>>, t: number): void {
  for (const { address, list } of lists) {
    const maxByQueue = new Map<string, Map<number, number>>();
    for (const byGroup of list.consumeStatsList) {
      for (const statsList of Object.values(byGroup)) {
        for (const stats of statsList) {
          for (const { messageQueue, value } of stats.offsetTable) {
            const queues = maxByQueue.get(messageQueue.topic) ?? new Map<number, number>();
            queues.set(messageQueue.queueId, Math.max(queues.get(messageQueue.queueId) ?? 0, value.brokerOffset));
            maxByQueue.set(messageQueue.topic, queues);
          }
        }
      }
    }
    const topics = new Set<string>();
    for (const [topic, queues] of maxByQueue) {
      ctx.tracker.observe(topic, address, t, [...queues.values()].reduce((sum, offset) => sum + offset, 0), 'consume');
      topics.add(topic);
    }
    covered.set(address, topics);
  }
}

async function sampleTopicStats(ctx: CycleContext, catalog: TopicCatalog, masters: string[], covered: Map<string, Set<string>>, count: Count, failed: Failed): Promise<number> {
  let sampled = 0;
  await Promise.all(
    masters.map(async (address) => {
      const topics = catalog.topicsByMaster.get(address) ?? [];
      const consumed = covered.get(address) ?? new Set<string>();
      ctx.tracker.retain(address, new Set([...topics, ...consumed]));
      const chosen = ctx.tracker.plan(address, topics, consumed, ctx.topicBudget);
      sampled += chosen.length;
      await mapLimited(chosen, 8, async (topic) => {
        const stats = await count(getTopicStatsInfo(ctx.admin.remoting, address, topic, ctx.admin.timeoutMs)).catch(failed(`${address} ${topic}`));
        if (stats) ctx.tracker.observe(topic, address, Date.now(), stats.offsetTable.reduce((sum, entry) => sum + entry.value.maxOffset, 0), 'stats');
      });
    }),
  );
  return sampled;
}

function top(entries: Ranked[]): Ranked[] {
  return entries
    .filter((entry) => entry.value > 0)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .slice(0, TOP_N);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
