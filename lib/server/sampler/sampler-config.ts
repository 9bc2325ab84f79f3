import { dirname, join, resolve } from 'node:path';

/**
 * The sampler's settings, from the environment (README "Environment"):
 *
 *   RMQ_METRICS_INTERVAL_MS=5000   cycle period, 1000..60000
 *   RMQ_METRICS_TOPIC_BUDGET=100   GET_TOPIC_STATS_INFO requests per master and cycle, 0..5000
 *   RMQ_METRICS_DIR                day files of today's history; default <RMQ_STORE_DIR>/../console/metrics
 *                                  (./.data/console/metrics), beside the embedded store
 *
 * A bad value stops the console with the variable named (the error's name makes the API answer 503).
 */
export interface SamplerConfig {
  intervalMs: number;
  topicBudget: number;
  metricsDir: string;
}

/** `storeDir`: the embedded broker's store when it runs (the console config resolved it), else RMQ_STORE_DIR's default. */
export function readSamplerConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd(), storeDir?: string): SamplerConfig {
  storeDir ??= resolve(cwd, blankAsUnset(env.RMQ_STORE_DIR) ?? './.data/store');
  const metricsDir = blankAsUnset(env.RMQ_METRICS_DIR);
  return {
    intervalMs: integerVariable(env, 'RMQ_METRICS_INTERVAL_MS', 5000, 1000, 60_000),
    topicBudget: integerVariable(env, 'RMQ_METRICS_TOPIC_BUDGET', 100, 0, 5000),
    metricsDir: metricsDir ? resolve(cwd, metricsDir) : join(dirname(storeDir), 'console', 'metrics'),
  };
}

function integerVariable(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const text = blankAsUnset(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    const error = new Error(`${name}='${text}' must be a whole number in ${min}..${max}`);
    error.name = 'ConsoleConfigError';
    throw error;
  }
  return value;
}

function blankAsUnset(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
