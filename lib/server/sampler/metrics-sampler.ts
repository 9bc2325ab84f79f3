import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { createLogger } from '../../../broker-core/common/logger';
import type { LagPoint, MetricsHistory, MetricsSample, SamplerCost, SamplerStatus } from '../../validations/metrics';
import type { MetricsRange } from '../../validations/time-range';
import type { ClusterEntry } from '../cluster-registry';
import type { TopicCatalogCache } from '../topics/topic-catalog';
import { AdaptiveGate } from './adaptive-gate';
import { runClusterCycle } from './cluster-cycle';
import { boundedLags, ClusterHistory, MINUTE_MS } from './cluster-history';
import { HistoryFile } from './history-file';
import type { SamplerConfig } from './sampler-config';
import { TopicTpsTracker } from './topic-tps-tracker';

const log = createLogger('sampler');

/**
 * The console's metrics sampler, one per process (held by console-server.ts). Every `intervalMs` it runs one cycle
 * per registry cluster (cluster-cycle.ts; clusters in parallel, a cluster whose previous cycle still runs is
 * skipped), keeps the samples (cluster-history.ts), appends each finished minute to today's file (history-file.ts)
 * and hands every sample to the subscribers (the SSE stream). The registry is read each cycle, so clusters added
 * or removed on the Ops page are followed.
 */
export interface SamplerDeps {
  listClusters(): ClusterEntry[];
  admin(entry: ClusterEntry): MQAdmin;
  catalog: TopicCatalogCache;
  config: SamplerConfig;
}

export type SampleListener = (sample: MetricsSample) => void;

interface ClusterState {
  history: ClusterHistory;
  tracker: TopicTpsTracker;
  consumeStatsGate: AdaptiveGate;
  lastLags?: Map<string, number>;
  running: boolean;
  lastCost?: SamplerCost;
}

export class MetricsSampler {
  private readonly clusters = new Map<string, ClusterState>();
  private readonly listeners = new Set<SampleListener>();
  private readonly file: HistoryFile;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly cycles = new Set<Promise<void>>();

  constructor(private readonly deps: SamplerDeps) {
    this.file = new HistoryFile({ dir: deps.config.metricsDir });
  }

  get intervalMs(): number {
    return this.deps.config.intervalMs;
  }

  /** Loads today's history from disk, then samples at once and every interval. */
  async start(): Promise<void> {
    try {
      for (const [clusterId, list] of await this.file.loadDay()) {
        const state = this.state(clusterId);
        for (const stored of list) state.history.restoreMinute(stored);
      }
      await this.file.prune();
    } catch (error) {
      log.warn(`today's metrics history could not be read: ${(error as Error).message}`);
    }
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.cycles]);
    for (const [clusterId, state] of this.clusters) {
      const pending = state.history.pending();
      if (pending) void this.file.append(clusterId, pending);
    }
    await this.file.flush();
  }

  subscribe(listener: SampleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest sample of each cluster (or of one). */
  latest(clusterId?: string): MetricsSample[] {
    const samples: MetricsSample[] = [];
    for (const [id, state] of this.clusters) {
      const sample = state.history.latest();
      if (sample && (clusterId === undefined || id === clusterId)) samples.push(sample);
    }
    return samples;
  }

  history(clusterId: string, range: MetricsRange): MetricsHistory {
    const state = this.clusters.get(clusterId);
    return { clusterId, range, resolutionMs: range === 'today' ? MINUTE_MS : this.intervalMs, samples: state?.history.samples(range) ?? [] };
  }

  groupLagHistory(clusterId: string, group: string, range: MetricsRange): LagPoint[] {
    return this.clusters.get(clusterId)?.history.groupLag(group, range) ?? [];
  }

  status(): SamplerStatus {
    return { intervalMs: this.intervalMs, costs: [...this.clusters.values()].flatMap((state) => (state.lastCost ? [state.lastCost] : [])) };
  }

  /** Runs one cycle of every cluster now and waits for them (tests, benchmarks). */
  async sampleNow(): Promise<void> {
    await Promise.all(this.deps.listClusters().map((entry) => this.runCycle(entry)));
  }

  private tick(): void {
    if (this.stopped) return;
    const started = Date.now();
    const entries = this.deps.listClusters();
    for (const entry of entries) {
      const cycle = this.runCycle(entry);
      this.cycles.add(cycle);
      void cycle.finally(() => this.cycles.delete(cycle));
    }
    // Forget clusters the registry no longer lists.
    const ids = new Set(entries.map((entry) => entry.id));
    for (const id of this.clusters.keys()) if (!ids.has(id)) this.clusters.delete(id);
    this.timer = setTimeout(() => this.tick(), Math.max(0, this.intervalMs - (Date.now() - started)));
    this.timer.unref();
  }

  private async runCycle(entry: ClusterEntry): Promise<void> {
    const state = this.state(entry.id);
    if (state.running) return;
    state.running = true;
    try {
      const result = await runClusterCycle({
        clusterId: entry.id,
        admin: this.deps.admin(entry),
        catalog: this.deps.catalog,
        tracker: state.tracker,
        consumeStatsGate: state.consumeStatsGate,
        topicBudget: this.deps.config.topicBudget,
        previousLags: state.lastLags,
      });
      if (result.groupLags) state.lastLags = result.groupLags;
      state.lastCost = result.cost;
      const completedMinute = state.history.add({ sample: result.sample, lags: boundedLags(result.groupLags) });
      if (completedMinute) void this.file.append(entry.id, completedMinute);
      for (const listener of this.listeners) {
        try {
          listener(result.sample);
        } catch (error) {
          log.warn(`metrics listener failed: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      // The nameserver itself did not answer: nothing to sample this time; the pages show their own errors.
      log.debug(`cycle of ${entry.id} failed: ${(error as Error).message}`);
    } finally {
      state.running = false;
    }
  }

  private state(clusterId: string): ClusterState {
    let state = this.clusters.get(clusterId);
    if (!state) {
      state = {
        history: new ClusterHistory(this.intervalMs),
        tracker: new TopicTpsTracker(),
        consumeStatsGate: new AdaptiveGate(this.intervalMs),
        running: false,
      };
      this.clusters.set(clusterId, state);
    }
    return state;
  }
}
