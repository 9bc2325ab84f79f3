import * as fs from 'node:fs';
import { join } from 'node:path';
import { median, type BenchRow, type BenchSection } from './bench-types';
import { MessageStore } from '../store/message-store';
import type { MessageStoreConfig } from '../store/message-store-config';
import type { MessageToStore } from '../store/store-types';

/**
 * Store throughput, in process, 1 KiB bodies (spec: issue "message store"): the disk's own sequential write rate next
 * to ASYNC_FLUSH appends of the same volume, SYNC_FLUSH with 64 concurrent appenders, and the consume-queue read rate.
 * Work directory: .data/bench (gitignored), deleted afterwards.
 */
export const BENCH_ROOT = join(process.cwd(), '.data', 'bench');
const BODY = Buffer.alloc(1024, 0x61);
const RUNS = 3;
const ASYNC_MESSAGES = 1_000_000;
const SYNC_MESSAGES = 100_000;
const ASYNC_64_MESSAGES = 300_000;

export function benchMessage(i: number, queues: number, extra: Array<[string, string]> = []): MessageToStore {
  return {
    topic: 'BenchTopic',
    queueId: i % queues,
    flag: 0,
    body: BODY,
    properties: new Map([['WAIT', 'true'], ['TAGS', 'TagA'], ...extra]),
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: '127.0.0.1:50000',
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

/** Appends `count` messages from `concurrency` loops, each awaiting its own put; returns elapsed seconds. */
export async function appendLoad(store: MessageStore, count: number, concurrency: number, make: (i: number) => MessageToStore, start = 0): Promise<number> {
  let next = start;
  const end = start + count;
  const began = performance.now();
  const worker = async () => {
    while (next < end) {
      const result = await store.putMessage(make(next++));
      if (result.status !== 'PUT_OK') throw new Error(`put failed: ${result.status} ${result.remark ?? ''}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - began) / 1000;
}

export function freshDir(name: string): string {
  const dir = join(BENCH_ROOT, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Sequential 1 MiB writes of `bytes` to a new file, then fdatasync: the bar the store is compared with. */
function diskWriteRate(dir: string, bytes: number): number {
  const path = join(dir, 'disk-probe');
  const chunk = Buffer.alloc(1024 * 1024, 0x62);
  const fd = fs.openSync(path, 'w');
  const began = performance.now();
  for (let written = 0; written < bytes; written += chunk.length) fs.writeSync(fd, chunk, 0, chunk.length, written);
  fs.fdatasyncSync(fd);
  const seconds = (performance.now() - began) / 1000;
  fs.closeSync(fd);
  fs.rmSync(path);
  return bytes / seconds / 1024 / 1024;
}

async function readAllQueues(store: MessageStore, queues: number): Promise<number> {
  let messages = 0;
  for (let queueId = 0; queueId < queues; queueId++) {
    let offset = 0;
    for (;;) {
      const result = await store.getMessage('BenchGroup', 'BenchTopic', queueId, offset, 32);
      if (result.status !== 'FOUND') break;
      messages += result.messages.length;
      offset = result.nextBeginOffset;
    }
  }
  return messages;
}

const mb = (value: number) => Math.round(value);

export async function run(): Promise<BenchSection> {
  const disk: number[] = [];
  const asyncRate: number[] = [];
  const asyncMb: number[] = [];
  const syncRate: number[] = [];
  const async64Rate: number[] = [];
  const readRate: number[] = [];
  const queues = 8;
  try {
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const dir = freshDir('store');
      const base: Partial<MessageStoreConfig> = { storePathRootDir: join(dir, 'async') };
      let store = await MessageStore.open(base, { storeHost: '127.0.0.1:10911' });
      const asyncSeconds = await appendLoad(store, ASYNC_MESSAGES, 256, (i) => benchMessage(i, queues));
      const bytes = store.commitLogMaxOffset;
      asyncRate.push(ASYNC_MESSAGES / asyncSeconds);
      asyncMb.push(bytes / asyncSeconds / 1024 / 1024);
      await store.waitForDispatch();
      const readStart = performance.now();
      const read = await readAllQueues(store, queues);
      readRate.push(read / ((performance.now() - readStart) / 1000));
      await store.shutdown();
      disk.push(diskWriteRate(dir, bytes));

      store = await MessageStore.open({ storePathRootDir: join(dir, 'async64') }, { storeHost: '127.0.0.1:10911' });
      async64Rate.push(ASYNC_64_MESSAGES / (await appendLoad(store, ASYNC_64_MESSAGES, 64, (i) => benchMessage(i, queues))));
      await store.shutdown();

      store = await MessageStore.open({ storePathRootDir: join(dir, 'sync'), flushDiskType: 'SYNC_FLUSH' }, { storeHost: '127.0.0.1:10911' });
      const syncSeconds = await appendLoad(store, SYNC_MESSAGES, 64, (i) => benchMessage(i, queues));
      syncRate.push(SYNC_MESSAGES / syncSeconds);
      await store.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(`run ${runIndex + 1}: disk ${mb(disk[runIndex])} MB/s, async ${Math.round(asyncRate[runIndex])} msg/s (${mb(asyncMb[runIndex])} MB/s), async×64 ${Math.round(async64Rate[runIndex])} msg/s, sync×64 ${Math.round(syncRate[runIndex])} msg/s, read ${Math.round(readRate[runIndex])} msg/s`);
    }
  } finally {
    fs.rmSync(join(BENCH_ROOT, 'store'), { recursive: true, force: true });
  }

  const asyncToDisk = median(asyncMb.map((value, i) => value / disk[i]));
  const syncToAsync = median(syncRate.map((value, i) => value / async64Rate[i]));
  const syncToAsync256 = median(syncRate.map((value, i) => value / asyncRate[i]));
  const rows: BenchRow[] = [
    { metric: 'Disk sequential write (1 MiB writes + fdatasync, same volume)', value: mb(median(disk)), unit: 'MB/s' },
    { metric: 'ASYNC_FLUSH append, 256 in flight', value: Math.round(median(asyncRate)), unit: 'msg/s' },
    { metric: 'ASYNC_FLUSH append throughput', value: mb(median(asyncMb)), unit: 'MB/s', target: '>= 50% of disk write rate', met: asyncToDisk >= 0.5, note: `${Math.round(asyncToDisk * 100)}% of disk` },
    { metric: 'ASYNC_FLUSH append, 64 concurrent appenders', value: Math.round(median(async64Rate)), unit: 'msg/s' },
    { metric: 'SYNC_FLUSH append, 64 concurrent appenders', value: Math.round(median(syncRate)), unit: 'msg/s', target: '>= 50% of ASYNC_FLUSH', met: syncToAsync >= 0.5, note: `${Math.round(syncToAsync * 100)}% of ASYNC with 64 appenders, ${Math.round(syncToAsync256 * 100)}% of ASYNC with 256` },
    { metric: 'Consume-queue read (getMessage, 32 per pull)', value: Math.round(median(readRate)), unit: 'msg/s' },
  ];
  return {
    title: 'Message store: append and read rates',
    description: `In-process MessageStore, 1 KiB bodies, 8 queues, default 1 GiB segments; medians of ${RUNS} runs. Each run appends ${ASYNC_MESSAGES.toLocaleString('en')} messages with ASYNC_FLUSH (256 appenders awaiting their own put), reads them all back through getMessage, then writes the same byte volume to a plain file with 1 MiB writes and one fdatasync (the disk rate), then appends ${ASYNC_64_MESSAGES.toLocaleString('en')} messages with ASYNC_FLUSH and ${SYNC_MESSAGES.toLocaleString('en')} with SYNC_FLUSH, each from 64 concurrent appenders.`,
    rows,
    notes: [
      'Ratios are computed per run (store vs disk measured back to back) and then the median is taken, because the shared machine\'s disk rate varies several-fold between minutes.',
      'SYNC_FLUSH acknowledges after an fdatasync covering the message; 64 appenders each waiting for their ack bound it by fdatasync latency × 64.',
      'Why ASYNC_FLUSH stays far below 50% of the disk: the append path is bound by the one JavaScript thread, not by the disk. At 1 KiB the target (≥ 50% of ~1.8 GB/s) leaves ~1.2 µs per message, and the bench harness alone (building the message and its properties Map, one promise and await per put, nothing stored) costs ~0.75 µs. Main-thread profile of the store per message (2026-11-22, ~4.3 µs in total at ~230 k msg/s): group encode and write ~45% (pwrite into the page cache ~0.6 µs, body CRC32 ~0.3 µs — zlib.crc32 runs at ~2.3 GB/s on 1 KiB —, field encoding ~0.5 µs, settling the put promises and results ~0.5 µs), dispatch to consume queue and index ~16% (~0.7 µs), validation and measuring at put ~12%, GC ~7%, the harness the rest.',
      'What was removed (before: 134 k msg/s, 9% of disk): a thread-pool round trip per group write and per dispatch read (each ~0.5 µs per message on 2 cores), one consume-queue write per queue per dispatch round (now write-behind buffers, one write per 64 KiB), a per-record Buffer and copy, a properties Map per dispatched record, a second promise per put. Moving dispatch to a worker thread would take ≤ 0.7 µs more off the main thread (≤ ~20%); with the CRC and the copy also moved, the estimate is still ~30% of the disk rate, so it was not done.',
      'The SYNC_FLUSH rate itself rose less than the ASYNC_FLUSH rate (the ratio fell from 57% before this change): with 64 appenders it is a closed loop of one fdatasync (0.2–0.35 ms on this disk) plus the main-thread work for the cohort, and its ratio to ASYNC_FLUSH is now below the 50% target.',
    ],
  };
}
