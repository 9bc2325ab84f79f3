import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { MQAdmin } from '../client/admin/mq-admin';
import { updateConsumerOffset } from '../client/instance/broker-api';
import { Producer } from '../client/producer/producer';
import { newSubscriptionGroupConfig } from '../protocol/bodies/subscription-group-config';
import { newTopicConfig } from '../protocol/bodies/topic-config';
import { median, type BenchSection } from './bench-types';
import { freePort, startBenchCluster } from './client-bench-cluster';

/**
 * The console at scale: a nameserver and a broker (child processes) given TOPICS topics and GROUPS subscription
 * groups over the wire (each group has committed offsets on one topic, and the first topics hold messages, so lag
 * and consume stats are real), then the console's production build (`node scripts/start.mjs` = `next start`,
 * NAMESRV_ADDR pointing at that nameserver, no embedded servers) and Debian's Chromium through playwright-core.
 *
 *   page usable   time from navigation to the first data row visible, fresh browser context each run, median of 5
 *   sampler cost  what one sampler cycle cost (ms and requests) as /api/metrics/sampler reports it, over ~40 s
 *
 * BENCH_CONSOLE_TOPICS / BENCH_CONSOLE_GROUPS shrink the data set for a quick try.
 */
const TOPICS = Number(process.env.BENCH_CONSOLE_TOPICS ?? 5000);
const GROUPS = Number(process.env.BENCH_CONSOLE_GROUPS ?? 500);
const QUEUES = 4;
const RUNS = 5;
const TARGET_MS = 2000;

export async function run(): Promise<BenchSection> {
  const cluster = await startBenchCluster();
  const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr, timeoutMs: 30_000 });
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  let consoleProcess: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const setupStarted = Date.now();
    await populate(admin, cluster.namesrvAddr, cluster.brokerAddr);
    const setupSeconds = (Date.now() - setupStarted) / 1000;

    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    consoleProcess = startConsole(port, cluster.namesrvAddr, dir);
    await waitUntil(10 * 60_000, async () => (await fetch(`${baseURL}/api/clusters`).catch(() => undefined))?.ok === true, consoleProcess);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const topics = await timeFirstRow(browser, `${baseURL}/topics`, '[data-testid="topic-row"]');
    const consumers = await timeFirstRow(browser, `${baseURL}/consumers`, '[data-testid="group-row"]').catch((error: unknown) => error as Error);
    const apiTopics = await timeRequests(`${baseURL}/api/topics?cluster=${await clusterId(baseURL)}&page=1&pageSize=50`);
    const costs = await samplerCosts(baseURL, 40_000);

    const rows: BenchSection['rows'] = [
      { metric: `Topics page: first row visible (${TOPICS} topics)`, value: Math.round(median(topics)), unit: 'ms', target: `< ${TARGET_MS} ms`, met: median(topics) < TARGET_MS, note: `runs ${topics.map(Math.round).join(', ')}` },
    ];
    if (consumers instanceof Error) {
      rows.push({ metric: `Consumers page: first row visible (${GROUPS} groups)`, value: 'not measured', unit: '', target: `< ${TARGET_MS} ms`, note: consumers.message.slice(0, 120) });
    } else {
      rows.push({ metric: `Consumers page: first row visible (${GROUPS} groups)`, value: Math.round(median(consumers)), unit: 'ms', target: `< ${TARGET_MS} ms`, met: median(consumers) < TARGET_MS, note: `runs ${consumers.map(Math.round).join(', ')}` });
    }
    rows.push(
      { metric: 'GET /api/topics (one page of 50, cached list)', value: Math.round(median(apiTopics)), unit: 'ms', note: `runs ${apiTopics.map(Math.round).join(', ')}` },
      { metric: 'Sampler cycle time', value: Math.round(median(costs.map((cost) => cost.elapsedMs))), unit: 'ms', note: `max ${Math.max(...costs.map((cost) => cost.elapsedMs))} ms over ${costs.length} cycles` },
      { metric: 'Sampler requests per cycle', value: median(costs.map((cost) => cost.requests)), unit: 'requests', note: `max ${Math.max(...costs.map((cost) => cost.requests))} (cycles that refresh the topic catalog)` },
      { metric: 'Topics whose offsets a cycle reads with GET_TOPIC_STATS_INFO', value: median(costs.map((cost) => cost.topicsSampled)), unit: 'topics', note: `of ${costs[0]?.topicsKnown ?? 0} known; the rest come from GET_BROKER_CONSUME_STATS or later cycles` },
      { metric: 'Data set creation over the wire', value: Math.round(setupSeconds), unit: 's' },
    );
    return {
      title: 'Console at scale: Topics / Consumers pages and the metrics sampler',
      description: `${TOPICS} topics (${QUEUES} queues each) and ${GROUPS} subscription groups (each with committed offsets on one topic) on one broker; the console's production build (next start) manages it through NAMESRV_ADDR; Chromium (Debian) through playwright-core; page times are navigation to first data row visible, fresh context each run, median of ${RUNS}. Sampler: 5 s interval, topic budget 100 per broker and cycle.`,
      rows,
      notes: [
        'The first page load after start includes the first topic-catalog fetch (GET_ALL_TOPIC_CONFIG of every master); later loads within 5 s reuse it.',
        'Sampler requests: cluster info 1 + runtime info 1 per broker + GET_BROKER_CONSUME_STATS 1 per master (rate-limited to 1/4 of the time) + GET_TOPIC_STATS_INFO up to the budget; the catalog (4 + 1 per master) every 30 s.',
      ],
    };
  } finally {
    await browser?.close().catch(() => undefined);
    if (consoleProcess?.pid) await stopGroup(consoleProcess);
    await admin.close();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function populate(admin: MQAdmin, namesrvAddr: string, brokerAddr: string): Promise<void> {
  const names = Array.from({ length: TOPICS }, (_, i) => `BenchTopic-${String(i).padStart(5, '0')}`);
  await inParallel(names, 16, (topic) => admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: QUEUES, writeQueueNums: QUEUES }), { brokerAddr }));
  // Messages in the first topics (one per group), so groups have lag and consume stats carry offsets.
  const producer = new Producer({ namesrvAddr, group: 'BENCH_CONSOLE_PRODUCER' });
  await producer.start();
  try {
    await waitUntil(60_000, async () => (await admin.fetchAllTopicList()).length >= TOPICS);
    await inParallel(names.slice(0, GROUPS), 8, async (topic) => {
      for (let i = 0; i < 8; i++) await producer.send({ topic, body: `bench ${i}` });
    });
  } finally {
    await producer.shutdown();
  }
  await inParallel(
    Array.from({ length: GROUPS }, (_, i) => i),
    16,
    async (i) => {
      const group = `BenchGroup-${String(i).padStart(4, '0')}`;
      await admin.createOrUpdateSubscriptionGroup(newSubscriptionGroupConfig(group), { brokerAddr });
      const brokerName = await admin.brokerNameOfAddr(brokerAddr);
      for (let queueId = 0; queueId < QUEUES; queueId++) {
        await updateConsumerOffset(admin.remoting, brokerAddr, group, { topic: names[i], brokerName, queueId }, 1);
      }
    },
  );
}

function startConsole(port: number, namesrvAddr: string, dir: string): ChildProcess {
  return spawn(process.execPath, [join(process.cwd(), 'scripts', 'start.mjs')], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), NAMESRV_ADDR: namesrvAddr, RMQ_EMBEDDED: '0', RMQ_STORE_DIR: join(dir, 'store'), HOME: join(dir, 'home'), RMQ_LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1' },
  });
}

async function clusterId(baseURL: string): Promise<string> {
  const body = (await (await fetch(`${baseURL}/api/clusters`)).json()) as { clusters: Array<{ id: string }> };
  return body.clusters[0].id;
}

/** Navigation to the first matching row visible, in a fresh context (no cache, no cookies) each run. */
async function timeFirstRow(browser: Browser, url: string, selector: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
    times.push(performance.now() - started);
    await context.close();
  }
  return times;
}

async function timeRequests(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

interface Cost {
  at: number;
  elapsedMs: number;
  requests: number;
  topicsKnown: number;
  topicsSampled: number;
}

/** Every distinct cycle the sampler reports during `forMs`. */
async function samplerCosts(baseURL: string, forMs: number): Promise<Cost[]> {
  const seen = new Map<number, Cost>();
  const deadline = Date.now() + forMs;
  while (Date.now() < deadline) {
    const status = (await (await fetch(`${baseURL}/api/metrics/sampler`)).json()) as { costs: Cost[] };
    for (const cost of status.costs) seen.set(cost.at, cost);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (seen.size === 0) throw new Error('the sampler reported no cycle');
  return [...seen.values()];
}

async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function waitUntil(timeoutMs: number, condition: () => Promise<boolean>, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (child && child.exitCode !== null) throw new Error(`the console exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SIGTERM to the console's process group (start.mjs and next-server), SIGKILL after 15 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid as number;
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 15_000);
  await exited;
  clearTimeout(timer);
}
