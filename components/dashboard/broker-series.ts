import type { ChartConfig } from '@/components/charts/chart';
import type { MetricsSample } from '@/lib/validations/metrics';

/**
 * Per-broker put TPS as chart series: one key per broker address (b0, b1 ...: recharts data keys must be plain),
 * labelled "brokerName (address)". A broker missing from a sample is a gap, not a zero.
 */
export function brokerSeries(samples: readonly MetricsSample[]): { points: Array<{ t: number } & Record<string, number | null>>; config: ChartConfig } {
  const keys = new Map<string, string>();
  const config: ChartConfig = {};
  for (const sample of samples) {
    for (const broker of sample.brokers) {
      if (keys.has(broker.address)) continue;
      const key = `b${keys.size}`;
      keys.set(broker.address, key);
      config[key] = { label: `${broker.brokerName}${broker.brokerId === 0 ? '' : `-${broker.brokerId}`} (${broker.address})` };
    }
  }
  const points = samples.map((sample) => {
    const point: { t: number } & Record<string, number | null> = { t: sample.t };
    for (const key of keys.values()) point[key] = null;
    for (const broker of sample.brokers) point[keys.get(broker.address) as string] = broker.putTps;
    return point;
  });
  return { points, config };
}
