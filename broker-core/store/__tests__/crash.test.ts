import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaCrc32 } from '../../common/crc32';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import { MessageStore } from '../message-store';
import { ensureCompiledStore } from './compiled-store';
import { makeTempDir, removeDir } from './store-test-helpers';

// A child process appends with SYNC_FLUSH and is SIGKILLed at a random instant, 20 times. After every kill the store
// is reopened here (crash recovery) and every acknowledged message must be present, in queue order, with a good CRC.

const ROUNDS = 20;
const QUEUES = 4;

interface ChildRun {
  acked: Set<number>;
}

function runChildUntilKilled(build: string, dir: string, startSeq: number, killAfterMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'crash-writer.cjs')], {
      env: { ...process.env, STORE_BUILD: build, STORE_DIR: dir, START_SEQ: String(startSeq), RMQ_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Set<number>();
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && !timer) timer = setTimeout(() => process.kill(child.pid!, 'SIGKILL'), killAfterMs);
        else if (line.startsWith('ack ')) acked.add(Number(line.slice(4)));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ acked });
      else reject(new Error(`crash writer exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

/** Reads every queue; returns the sequence numbers found per queue, checking CRC and queue offsets. */
async function readAll(store: MessageStore): Promise<number[][]> {
  await store.waitForDispatch();
  const perQueue: number[][] = [];
  for (let queueId = 0; queueId < QUEUES; queueId++) {
    const seqs: number[] = [];
    let offset = store.getMinOffsetInQueue('Crash', queueId);
    for (;;) {
      const result = await store.getMessage('G', 'Crash', queueId, offset, 32);
      if (result.status !== 'FOUND') break;
      for (const record of result.messages) {
        const message = decodeStoredMessage(record);
        expect(javaCrc32(message.body)).toBe(message.bodyCRC);
        expect(message.queueOffset).toBe(seqs.length);
        const seq = Number(/^body-(\d+)-/.exec(message.body.toString())![1]);
        expect(message.body.length).toBe(`body-${seq}-`.length + ((seq * 53) % 700));
        seqs.push(seq);
      }
      offset = result.nextBeginOffset;
    }
    perQueue.push(seqs);
  }
  return perQueue;
}

describe('crash safety under SIGKILL (SYNC_FLUSH)', () => {
  let dir: string;
  let build: string;

  beforeAll(() => {
    build = ensureCompiledStore();
    dir = makeTempDir('rmq-crash-');
  }, 120_000);

  afterAll(() => removeDir(dir));

  it(`keeps every acknowledged message across ${ROUNDS} kills`, async () => {
    let nextSeq = 0;
    let totalAcked = 0;
    const allAcked = new Set<number>();
    for (let round = 0; round < ROUNDS; round++) {
      const { acked } = await runChildUntilKilled(build, dir, nextSeq, 30 + Math.floor(Math.random() * 300));
      for (const seq of acked) allAcked.add(seq);
      totalAcked += acked.size;

      const store = await MessageStore.open({ storePathRootDir: dir, mappedFileSizeCommitLog: 256 * 1024, mappedFileSizeConsumeQueue: 2000, maxHashSlotNum: 1000, maxIndexNum: 4000 });
      try {
        const perQueue = await readAll(store);
        const found = new Set<number>();
        perQueue.forEach((seqs, queueId) => {
          for (let i = 0; i < seqs.length; i++) {
            expect(seqs[i] % QUEUES).toBe(queueId);
            if (i > 0) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]); // append order kept, no duplicates
            found.add(seqs[i]);
          }
        });
        const missing = [...allAcked].filter((seq) => !found.has(seq));
        expect(missing).toEqual([]);
        const keyHit = await store.queryMessage('Crash', `k${[...acked].pop() ?? 0}`, 4, 0, Number.MAX_SAFE_INTEGER);
        if (acked.size > 0) expect(keyHit.messages.length).toBeGreaterThan(0);
        nextSeq = Math.max(nextSeq, ...found) + 1;
      } finally {
        await store.shutdown();
      }
    }
    expect(totalAcked).toBeGreaterThan(ROUNDS);
  }, 120_000);
});
