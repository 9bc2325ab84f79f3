/**
 * Topic put TPS without asking about every topic every cycle. The TPS of a topic on a broker is the growth of the
 * sum of its queues' max offsets between two observations, divided by the time between them. Observations come from
 * two places:
 *
 *   consume  GET_BROKER_CONSUME_STATS, already asked once per broker for the lag of every group: its brokerOffset
 *            is the queue's max offset, so every consumed topic is observed for free;
 *   stats    GET_TOPIC_STATS_INFO, one request per topic, spent on a budget per broker and cycle: topics that were
 *            moving at their last observation first ("hot"), then the others round-robin.
 *
 * With a budget of B topics per broker and cycle, a quiet topic is looked at every ceil(topics / B) cycles and a busy
 * one every cycle; the TPS shown is the rate over the interval between its last two observations. A baseline
 * taken from the other source, or a sum that went down (topic deleted and created again) restarts the measurement.
 */
export type OffsetSource = 'consume' | 'stats';

interface Observation {
  t: number;
  sum: number;
  source: OffsetSource;
}

interface Rate {
  tps: number;
  /** Time of the observation that produced it. */
  at: number;
}

/** A topic's rate is dropped when not measured again for this long (it may be gone). */
export const RATE_MAX_AGE_MS = 15 * 60_000;

export class TopicTpsTracker {
  private readonly observations = new Map<string, Observation>();
  private readonly rates = new Map<string, Rate>();
  private readonly cursors = new Map<string, number>();

  observe(topic: string, brokerAddr: string, t: number, maxOffsetSum: number, source: OffsetSource): void {
    const key = `${brokerAddr}\u0000${topic}`;
    const previous = this.observations.get(key);
    this.observations.set(key, { t, sum: maxOffsetSum, source });
    if (!previous || previous.source !== source || maxOffsetSum < previous.sum || t <= previous.t) return;
    this.rates.set(key, { tps: ((maxOffsetSum - previous.sum) * 1000) / (t - previous.t), at: t });
  }

  /** Put TPS per topic, summed over brokers, from rates measured within RATE_MAX_AGE_MS. */
  topicTps(now: number): Map<string, number> {
    const result = new Map<string, number>();
    for (const [key, rate] of this.rates) {
      if (now - rate.at > RATE_MAX_AGE_MS) {
        this.rates.delete(key);
        continue;
      }
      const topic = key.slice(key.indexOf('\u0000') + 1);
      result.set(topic, (result.get(topic) ?? 0) + rate.tps);
    }
    return result;
  }

  /**
   * The topics of one broker to ask GET_TOPIC_STATS_INFO about this cycle: at most `budget`, hot ones first (busiest
   * first), then never-observed and quiet ones round-robin. Topics in `covered` were observed another way.
   */
  plan(brokerAddr: string, topics: readonly string[], covered: ReadonlySet<string>, budget: number): string[] {
    const chosen: string[] = [];
    const hot = topics
      .filter((topic) => !covered.has(topic))
      .map((topic) => ({ topic, tps: this.rates.get(`${brokerAddr}\u0000${topic}`)?.tps ?? 0 }))
      .filter((entry) => entry.tps > 0)
      .sort((a, b) => b.tps - a.tps);
    for (const { topic } of hot) {
      if (chosen.length >= budget) return chosen;
      chosen.push(topic);
    }
    const taken = new Set(chosen);
    let cursor = this.cursors.get(brokerAddr) ?? 0;
    for (let step = 0; step < topics.length && chosen.length < budget; step++) {
      const topic = topics[(cursor + step) % topics.length];
      if (!covered.has(topic) && !taken.has(topic)) {
        chosen.push(topic);
        taken.add(topic);
      }
      if (chosen.length >= budget) cursor = (cursor + step + 1) % topics.length;
    }
    this.cursors.set(brokerAddr, cursor);
    return chosen;
  }

  /** Forgets what a broker no longer holds, so memory follows the topic count. */
  retain(brokerAddr: string, topics: ReadonlySet<string>): void {
    const prefix = `${brokerAddr}\u0000`;
    for (const map of [this.observations, this.rates] as Array<Map<string, unknown>>) {
      for (const key of map.keys()) {
        if (key.startsWith(prefix) && !topics.has(key.slice(prefix.length))) map.delete(key);
      }
    }
  }
}
