import { spawnSync } from 'node:child_process';
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

/** The same volume with O_DIRECT (dd oflag=direct, 1 MiB blocks): the device alone, without the page cache. */
function directWriteRate(dir: string, bytes: number): number {
  const path = join(dir, 'disk-probe-direct');
  const began = performance.now();
  const dd = spawnSync('dd', ['if=/dev/zero', `of=${path}`, 'bs=1M', `count=${Math.ceil(bytes / 1024 / 1024)}`, 'oflag=direct'], { encoding: 'utf8' });
  const seconds = (performance.now() - began) / 1000;
  fs.rmSync(path, { force: true });
  if (dd.status !== 0) throw new Error(`dd oflag=direct failed: ${dd.stderr}`);
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
  const direct: number[] = [];
  const asyncRate: number[] = [];
  const asyncMb: number[] = [];
  const syncRate: number[] = [];
  const syncWarmRate: number[] = [];
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
      direct.push(directWriteRate(dir, bytes));

      store = await MessageStore.open({ storePathRootDir: join(dir, 'async64') }, { storeHost: '127.0.0.1:10911' });
      async64Rate.push(ASYNC_64_MESSAGES / (await appendLoad(store, ASYNC_64_MESSAGES, 64, (i) => benchMessage(i, queues))));
      await store.shutdown();

      store = await MessageStore.open({ storePathRootDir: join(dir, 'sync'), flushDiskType: 'SYNC_FLUSH' }, { storeHost: '127.0.0.1:10911' });
      const syncSeconds = await appendLoad(store, SYNC_MESSAGES, 64, (i) => benchMessage(i, queues));
      syncRate.push(SYNC_MESSAGES / syncSeconds);
      await store.shutdown();

      store = await MessageStore.open({ storePathRootDir: join(dir, 'sync-warm'), flushDiskType: 'SYNC_FLUSH', warmMapedFileEnable: true }, { storeHost: '127.0.0.1:10911' });
      syncWarmRate.push(SYNC_MESSAGES / (await appendLoad(store, SYNC_MESSAGES, 64, (i) => benchMessage(i, queues))));
      await store.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(`run ${runIndex + 1}: disk ${mb(disk[runIndex])} MB/s (O_DIRECT ${mb(direct[runIndex])}), async ${Math.round(asyncRate[runIndex])} msg/s (${mb(asyncMb[runIndex])} MB/s), async×64 ${Math.round(async64Rate[runIndex])} msg/s, sync×64 ${Math.round(syncRate[runIndex])} msg/s, sync×64 warmed ${Math.round(syncWarmRate[runIndex])} msg/s, read ${Math.round(readRate[runIndex])} msg/s`);
    }
  } finally {
    fs.rmSync(join(BENCH_ROOT, 'store'), { recursive: true, force: true });
  }

  const asyncToDirect = median(asyncMb.map((value, i) => value / direct[i]));
  const asyncToBuffered = median(asyncMb.map((value, i) => value / disk[i]));
  const syncToAsync = median(syncRate.map((value, i) => value / async64Rate[i]));
  const syncToAsync256 = median(syncRate.map((value, i) => value / asyncRate[i]));
  const warmToAsync = median(syncWarmRate.map((value, i) => value / async64Rate[i]));
  const warmToSync = median(syncWarmRate.map((value, i) => value / syncRate[i]));
  const rows: BenchRow[] = [
    { metric: 'Disk sequential write, O_DIRECT (dd oflag=direct, 1 MiB blocks, same volume)', value: mb(median(direct)), unit: 'MB/s' },
    { metric: 'Disk sequential write through the page cache (1 MiB writes + fdatasync, same volume)', value: mb(median(disk)), unit: 'MB/s', note: `range ${mb(Math.min(...disk))}-${mb(Math.max(...disk))}` },
    { metric: 'ASYNC_FLUSH append, 256 in flight', value: Math.round(median(asyncRate)), unit: 'msg/s' },
    { metric: 'ASYNC_FLUSH append throughput', value: mb(median(asyncMb)), unit: 'MB/s', target: '>= 50% of disk write rate', met: asyncToDirect >= 0.5, note: `${Math.round(asyncToDirect * 100)}% of the O_DIRECT rate, ${Math.round(asyncToBuffered * 100)}% of the page-cache rate` },
    { metric: 'ASYNC_FLUSH append, 64 concurrent appenders', value: Math.round(median(async64Rate)), unit: 'msg/s' },
    { metric: 'SYNC_FLUSH append, 64 concurrent appenders', value: Math.round(median(syncRate)), unit: 'msg/s', target: '>= 50% of ASYNC_FLUSH', met: syncToAsync >= 0.5, note: `${Math.round(syncToAsync * 100)}% of ASYNC with 64 appenders, ${Math.round(syncToAsync256 * 100)}% of ASYNC with 256` },
    { metric: 'SYNC_FLUSH append, 64 concurrent appenders, warmMapedFileEnable=true', value: Math.round(median(syncWarmRate)), unit: 'msg/s', target: '>= 50% of ASYNC_FLUSH', met: warmToAsync >= 0.5, note: `${Math.round(warmToAsync * 100)}% of ASYNC with 64 appenders, ${warmToSync >= 1 ? '+' : ''}${Math.round((warmToSync - 1) * 100)}% against SYNC_FLUSH without warming` },
    { metric: 'Consume-queue read (getMessage, 32 per pull)', value: Math.round(median(readRate)), unit: 'msg/s' },
  ];
  return {
    title: 'Message store: append and read rates',
    description: `In-process MessageStore, 1 KiB bodies, 8 queues, default 1 GiB segments; medians of ${RUNS} runs. Each run appends ${ASYNC_MESSAGES.toLocaleString('en')} messages with ASYNC_FLUSH (256 appenders awaiting their own put), reads them all back through getMessage, then writes the same byte volume to a plain file twice, with O_DIRECT (the disk's own rate, which the target is judged against) and through the page cache with one fdatasync at the end, then appends ${ASYNC_64_MESSAGES.toLocaleString('en')} messages with ASYNC_FLUSH and ${SYNC_MESSAGES.toLocaleString('en')} with SYNC_FLUSH (default, then with warmMapedFileEnable=true), each from 64 concurrent appenders.`,
    rows,
    notes: [
      'Ratios are computed per run (store vs disk measured back to back) and then the median is taken. The target is judged against the O_DIRECT rate, the device itself (1.5-2.4 GB/s in the runs of 2026-11-22): the page-cache rate swings on this shared machine (0.22 to 1.7 GB/s for the same dd conv=fdatasync, minutes apart, depending on other tenants\' writeback) and on a slow minute would call the target met when it is not.',
      'SYNC_FLUSH with 64 appenders, each awaiting its own acknowledgement, is a closed loop: rate ≈ 64 / (F + 64·c), F the fdatasync as JavaScript sees it (~0.19 ms in the kernel by strace, ~0.3 ms with the thread-pool round trip), c the main-thread work per put that does not overlap it (~3 µs). Its ratio to ASYNC_FLUSH therefore falls whenever the CPU path gets faster, and 50% needs F ≤ ~0.2 ms on this machine. Tried on 2026-11-22: 1 to 4 fdatasyncs in flight (no change: all 64 appenders wait on the same one); smaller groups so fdatasyncs overlap (worse: concurrent fdatasyncs on one file slowed each other from 0.25 to 0.47 ms); zero-filled blocks ahead of the writer (an fdatasync into them takes 0.16 ms instead of 0.25 ms, no journal commit for block allocation): shipped as warmMapedFileEnable (opt-in, as upstream, because it writes the log twice), the row above. Also tried: keeping the event loop polling while an fdatasync runs, so its completion needs no wake-up (+7%, for a core spinning; not kept); capping SYNC groups at 32 messages (+11% with warming, but only because it splits this closed loop of 64 appenders in two, a fit to the benchmark; not kept).',
      'Run to run, the SYNC_FLUSH ratios move with the disk\'s fdatasync latency of the minute: the two full runs of 2026-11-22 gave 33% and 44% without warming, 45% and 62% with it (medians of 3 each). The warmed target is met in the run shown, not reliably.',
      'Why ASYNC_FLUSH stays far below 50% of the disk: one JavaScript thread does the work of every message. 50% of ~1.7 GB/s at ~1.1 KB per record is ~770 k msg/s, 1.3 µs per message. Main-thread profile on 2026-11-22 (284 k msg/s, 3.5 µs per message): pwrite into the page cache 24% (0.84 µs), CRC32 9% (zlib.crc32), record encoding ~15%, dispatch to consume queue and index ~12%, settling promises and building results ~8%, GC 5%, the harness (a message and its properties Map per put) ~6%. With all file I/O and the CRC moved to the other core, ~2.3 µs would remain on this one: ~30% of the O_DIRECT rate, so that rework was not done.',
      'What was removed (before: 134 k msg/s, 9% of disk): a thread-pool round trip per group write and per dispatch read (each ~0.5 µs per message on 2 cores), one consume-queue write per queue per dispatch round (now write-behind buffers, one write per 64 KiB), a per-record Buffer and copy, a properties Map per dispatched record, a second promise per put.',
    ],
  };
}
