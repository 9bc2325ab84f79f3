/**
 * One statistics counter with its sampled history (Java `StatsItem`, semantics.md §14): a running sum and the number
 * of increments, sampled every 10 s into the minute ring (7 samples = 60 s), every 10 min into the hour ring
 * (7 samples) and every hour into the day ring (25 samples). A snapshot of a ring is
 * {sum = last − first, tps = sum × 1000 / Δt, avgpt = sum / Δtimes}. Memory per item is fixed.
 */
export interface StatsSnapshot {
  sum: number;
  tps: number;
  avgpt: number;
  times: number;
}

interface Sample {
  value: number;
  times: number;
  timestamp: number;
}

class SampleRing {
  private readonly samples: Sample[] = [];
  constructor(private readonly capacity: number) {}

  push(sample: Sample): void {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  snapshot(): StatsSnapshot {
    if (this.samples.length === 0) return { sum: 0, tps: 0, avgpt: 0, times: 0 };
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const sum = last.value - first.value;
    const times = last.times - first.times;
    const elapsed = last.timestamp - first.timestamp;
    return { sum, times, tps: elapsed > 0 ? (sum * 1000) / elapsed : 0, avgpt: times > 0 ? sum / times : 0 };
  }
}

export class StatsItem {
  value = 0;
  times = 0;
  lastUpdateTimestamp = Date.now();
  private readonly minute = new SampleRing(7);
  private readonly hour = new SampleRing(7);
  private readonly day = new SampleRing(25);

  add(value: number, times: number): void {
    this.value += value;
    this.times += times;
    this.lastUpdateTimestamp = Date.now();
  }

  sampleMinute(now: number): void {
    this.minute.push({ value: this.value, times: this.times, timestamp: now });
  }

  sampleHour(now: number): void {
    this.hour.push({ value: this.value, times: this.times, timestamp: now });
  }

  sampleDay(now: number): void {
    this.day.push({ value: this.value, times: this.times, timestamp: now });
  }

  inMinute(): StatsSnapshot {
    return this.minute.snapshot();
  }

  inHour(): StatsSnapshot {
    return this.hour.snapshot();
  }

  inDay(): StatsSnapshot {
    return this.day.snapshot();
  }
}
