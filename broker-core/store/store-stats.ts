import { javaDoubleString } from './runtime-info';

/**
 * Store counters behind GET_BROKER_RUNTIME_INFO (spec/remoting.md §13.6, upstream StoreStatsService): put counts and
 * sizes, the put latency distribution in upstream's 13 buckets, finer buckets for putLatency99/999, get found / miss /
 * transferred counts, and TPS over 10 s / 1 min / 10 min from one sample per second (fixed-size rings).
 */
const DISTRIBUTION_LABELS = ['[<=0ms]', '[0~10ms]', '[10~50ms]', '[50~100ms]', '[100~200ms]', '[200~500ms]', '[500ms~1s]', '[1~2s]', '[2~3s]', '[3~4s]', '[4~5s]', '[5~10s]', '[10s~]'];
const DISTRIBUTION_LIMITS = [0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 10000];
const SAMPLES = 601;

interface Snapshot {
  time: number;
  put: number;
  found: number;
  miss: number;
  transferred: number;
}


export class StoreStats {
  readonly bootTimestamp = Date.now();
  putMessageTimesTotal = 0;
  putMessageSizeTotal = 0;
  putMessageFailedTimes = 0;
  putMessageEntireTimeMax = 0;
  getMessageEntireTimeMax = 0;
  getMessageTimesTotalFound = 0;
  getMessageTimesTotalMiss = 0;
  getMessageTransferredMsgCount = 0;
  readonly putMessageTopicTimesTotal = new Map<string, number>();
  readonly putMessageTopicSizeTotal = new Map<string, number>();
  private readonly distribution = new Array<number>(DISTRIBUTION_LABELS.length).fill(0);
  /** 1 ms buckets up to 1 s, then one overflow bucket (percentiles in ms). */
  private readonly fineLatency = new Array<number>(1001).fill(0);
  private readonly samples: Snapshot[] = [];
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  recordPut(topic: string, messages: number, bytes: number, elapsedMs: number): void {
    this.putMessageTimesTotal += messages;
    this.putMessageSizeTotal += bytes;
    this.putMessageTopicTimesTotal.set(topic, (this.putMessageTopicTimesTotal.get(topic) ?? 0) + messages);
    this.putMessageTopicSizeTotal.set(topic, (this.putMessageTopicSizeTotal.get(topic) ?? 0) + bytes);
    const ms = Math.max(0, Math.round(elapsedMs));
    let bucket = 0;
    if (ms > 0) {
      bucket = 1;
      while (bucket < DISTRIBUTION_LIMITS.length && ms >= DISTRIBUTION_LIMITS[bucket]) bucket++;
    }
    this.distribution[bucket]++;
    this.fineLatency[Math.min(ms, 1000)]++;
    if (ms > this.putMessageEntireTimeMax) this.putMessageEntireTimeMax = ms;
  }

  recordPutFailure(): void {
    this.putMessageFailedTimes++;
  }

  recordGet(found: boolean, transferred: number, elapsedMs: number): void {
    if (found) this.getMessageTimesTotalFound++;
    else this.getMessageTimesTotalMiss++;
    this.getMessageTransferredMsgCount += transferred;
    if (elapsedMs > this.getMessageEntireTimeMax) this.getMessageEntireTimeMax = Math.round(elapsedMs);
  }

  private sample(): void {
    this.samples.push({
      time: Date.now(),
      put: this.putMessageTimesTotal,
      found: this.getMessageTimesTotalFound,
      miss: this.getMessageTimesTotalMiss,
      transferred: this.getMessageTransferredMsgCount,
    });
    if (this.samples.length > SAMPLES) this.samples.shift();
  }

  private tps(seconds: number, field: keyof Omit<Snapshot, 'time'>): number {
    if (this.samples.length <= seconds) return 0;
    const last = this.samples[this.samples.length - 1];
    const before = this.samples[this.samples.length - 1 - seconds];
    const elapsed = last.time - before.time;
    return elapsed > 0 ? ((last[field] - before[field]) * 1000) / elapsed : 0;
  }

  private tpsTriple(field: keyof Omit<Snapshot, 'time'>): string {
    return [10, 60, 600].map((seconds) => this.tps(seconds, field).toFixed(2)).join(' ');
  }

  private latencyPercentile(fraction: number): number {
    const total = this.fineLatency.reduce((sum, count) => sum + count, 0);
    if (total === 0) return 0;
    let seen = 0;
    for (let ms = 0; ms < this.fineLatency.length; ms++) {
      seen += this.fineLatency[ms];
      if (seen >= total * fraction) return ms;
    }
    return 1000;
  }

  private runtime(): string {
    let seconds = Math.floor((Date.now() - this.bootTimestamp) / 1000);
    const days = Math.floor(seconds / 86400);
    seconds -= days * 86400;
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    return `[ ${days} days, ${hours} hours, ${minutes} minutes, ${seconds} seconds ]`;
  }

  runtimeInfo(): Record<string, string> {
    const total = this.putMessageTimesTotal === 0 ? 1 : this.putMessageTimesTotal;
    const getTotal = [10, 60, 600].map((s) => (this.tps(s, 'found') + this.tps(s, 'miss')).toFixed(2)).join(' ');
    return {
      bootTimestamp: String(this.bootTimestamp),
      runtime: this.runtime(),
      putMessageEntireTimeMax: String(this.putMessageEntireTimeMax),
      putMessageTimesTotal: String(total),
      putMessageFailedTimes: String(this.putMessageFailedTimes),
      putMessageSizeTotal: String(this.putMessageSizeTotal),
      putMessageDistributeTime: DISTRIBUTION_LABELS.map((label, i) => `${label}:${this.distribution[i]}`).join(' ') + ' ',
      putMessageAverageSize: javaDoubleString(this.putMessageSizeTotal / total),
      getMessageEntireTimeMax: String(this.getMessageEntireTimeMax),
      putTps: this.tpsTriple('put'),
      getFoundTps: this.tpsTriple('found'),
      getMissTps: this.tpsTriple('miss'),
      getTotalTps: getTotal,
      getTransferedTps: this.tpsTriple('transferred'),
      getTransferredTps: this.tpsTriple('transferred'),
      putLatency99: this.latencyPercentile(0.99).toFixed(2),
      putLatency999: this.latencyPercentile(0.999).toFixed(2),
    };
  }
}
