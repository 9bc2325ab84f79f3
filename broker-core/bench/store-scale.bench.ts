import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { percentile, type BenchSection } from './bench-types';
import { MessageStore } from '../store/message-store';
import { createUniqueId } from '../common/message/message-id';
import { appendLoad, benchMessage, freshDir } from './store.bench';

/**
 * The store at scale: a child process stores 10 million 1 KiB messages (ASYNC_FLUSH, each with a UNIQ_KEY and a KEYS
 * entry, so 20 million index keys), reports its RSS, keeps appending and is killed with SIGKILL. This process then
 * reopens the store (crash recovery of an ~11 GiB store) and looks keys up at random.
 */
// STORE_SCALE_MESSAGES shrinks the run for a quick smoke test; the reported numbers use the default.
const MESSAGES = Number(process.env.STORE_SCALE_MESSAGES ?? 10_000_000);
const QUEUES = 8;
const LOOKUPS = 1000;
const STORE_CONFIG = { flushIntervalCommitLog: 500 };

interface FillReport {
  rssAtEnd: number;
  rssPeak: number;
  seconds: number;
}

/** Child entry point (spawned by `run`). */
export async function fillChild(dir: string): Promise<void> {
  const store = await MessageStore.open({ storePathRootDir: dir, ...STORE_CONFIG }, { storeHost: '127.0.0.1:10911' });
  const make = (i: number) => benchMessage(i, QUEUES, [['UNIQ_KEY', createUniqueId()], ['KEYS', `order-${i}`]]);
  let rssPeak = 0;
  const step = Math.min(1_000_000, MESSAGES);
  let seconds = 0;
  for (let done = 0; done < MESSAGES; done += step) {
    seconds += await appendLoad(store, step, 256, make, done);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    process.stdout.write(`progress ${done + step} ${Math.round(process.memoryUsage().rss / 1048576)} MiB\n`);
  }
  await store.waitForDispatch();
  (globalThis as { gc?: () => void }).gc?.();
  const report: FillReport = { rssAtEnd: process.memoryUsage().rss, rssPeak, seconds };
  process.stdout.write(`filled ${JSON.stringify(report)}\n`);
  // Keep writing until killed, so the kill lands mid-append.
  await appendLoad(store, 5_000_000, 256, make, MESSAGES);
}

function fillInChild(dir: string): Promise<FillReport> {
  return new Promise((resolve, reject) => {
    const script = `require(${JSON.stringify(__filename)}).fillChild(${JSON.stringify(dir)}).catch((e) => { console.error(e); process.exit(1); })`;
    const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RMQ_LOG_LEVEL: 'warn' } });
    let buffered = '';
    let report: FillReport | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('progress ')) console.log(`  ${line}`);
        if (line.startsWith('filled ')) {
          report = JSON.parse(line.slice(7)) as FillReport;
          setTimeout(() => process.kill(child.pid!, 'SIGKILL'), 500 + Math.random() * 1500);
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (report && signal === 'SIGKILL') resolve(report);
      else reject(new Error(`fill child ended with ${code ?? signal} before reporting`));
    });
  });
}

export async function run(): Promise<BenchSection> {
  const dir = freshDir('store-scale');
  try {
    const fill = await fillInChild(dir);
    const storeBytes = fs.readdirSync(join(dir, 'commitlog')).length * 1024 ** 3;

    const openStart = performance.now();
    const store = await MessageStore.open({ storePathRootDir: dir, ...STORE_CONFIG }, { storeHost: '127.0.0.1:10911' });
    const restartSeconds = (performance.now() - openStart) / 1000;
    const storedBytes = store.commitLogMaxOffset;

    const latencies: number[] = [];
    let found = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const key = `order-${Math.floor(Math.random() * MESSAGES)}`;
      const began = performance.now();
      const result = await store.queryMessage('BenchTopic', key, 32, 0, Number.MAX_SAFE_INTEGER);
      latencies.push(performance.now() - began);
      if (result.messages.length > 0) found++;
    }
    await store.shutdown();

    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    const rssMiB = fill.rssAtEnd / 1048576;
    const peakMiB = fill.rssPeak / 1048576;
    return {
      title: 'Message store at scale: memory, key look-up, crash restart',
      description: `A child process stores ${MESSAGES.toLocaleString('en')} messages of 1 KiB (ASYNC_FLUSH, 8 queues, 256 appenders, default geometry: 1 GiB segments, 5 M slots × 20 M entries per index file) each with a UNIQ_KEY and a KEYS value (20 M index keys), keeps appending and is SIGKILLed. This process reopens the store and runs ${LOOKUPS} QUERY_MESSAGE-style look-ups of random KEYS values. One run (it writes ~${Math.round(storeBytes / 1024 ** 3)} GiB).`,
      rows: [
        { metric: `RSS after storing ${MESSAGES.toLocaleString('en')} messages`, value: Math.round(rssMiB), unit: 'MiB', target: '< 300 MiB', met: rssMiB < 300, note: `peak sampled every 1 M messages: ${Math.round(peakMiB)} MiB` },
        { metric: 'Append rate during the fill', value: Math.round(MESSAGES / fill.seconds), unit: 'msg/s' },
        { metric: `Restart after SIGKILL (store of ${(storedBytes / 1024 ** 3).toFixed(1)} GiB)`, value: restartSeconds.toFixed(2), unit: 's', target: '< 3 s', met: restartSeconds < 3 },
        { metric: 'Key look-up latency p50 (20 M keys indexed)', value: p50.toFixed(2), unit: 'ms' },
        { metric: 'Key look-up latency p99', value: p99.toFixed(2), unit: 'ms', target: '< 20 ms', met: p99 < 20, note: `${found}/${LOOKUPS} keys found` },
      ],
      notes: [
        'Restart time is MessageStore.open after the kill: tail validation from the checkpointed flushed offset, consume-queue and index load, re-dispatch from the checkpointed dispatch offset, and the first checkpoint.',
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
