import * as fs from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HAClient } from '../ha/ha-client';
import { encodeReport, encodeTransferHeader, lastReport, readTransferFrames } from '../ha/ha-format';
import { HAService } from '../ha/ha-service';
import type { MessageStore } from '../message-store';
import { SegmentFile } from '../segment-file';
import { makeTempDir, message, openStore, readQueueBodies, removeDir } from './store-test-helpers';

// Classic master/slave replication (spec/ha.md §2-3) between two stores over real TCP: the slave's commit log becomes
// a byte-for-byte copy of the master's, its consume queues are built locally, and SYNC_MASTER puts wait for it.

const TIMING = { heartbeatIntervalMs: 200, housekeepingIntervalMs: 5000, transferBatchSize: 32 * 1024, slaveFallBehindMax: 256 * 1024 * 1024 };

async function eventually(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function body(i: number): string {
  return `${i}:`.padEnd(50 + ((i * 131) % 1500), 'r');
}

function commitLogBytes(root: string, from: number): Buffer {
  const dir = join(root, 'commitlog');
  const parts = fs.readdirSync(dir).sort().map((name) => ({ start: Number(name), data: fs.readFileSync(join(dir, name)) }));
  return Buffer.concat(parts.filter((part) => part.start + part.data.length > from).map((part) => (part.start >= from ? part.data : part.data.subarray(from - part.start))));
}

describe('master/slave replication', () => {
  let dir: string;
  let master: MessageStore;
  let slave: MessageStore;
  let service: HAService;
  let client: HAClient | undefined;
  let haAddress: string;

  beforeEach(async () => {
    dir = makeTempDir();
    master = await openStore(join(dir, 'master'), { brokerRole: 'SYNC_MASTER', slaveTimeout: 400 });
    slave = await openStore(join(dir, 'slave'), { brokerRole: 'SLAVE' });
    service = new HAService(master.commitLog, TIMING);
    haAddress = `127.0.0.1:${await service.listen(0, '127.0.0.1')}`;
    master.addAppendListener(() => service.notifyAppended());
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await service.close();
    await master.shutdown();
    await slave.shutdown();
    removeDir(dir);
  });

  function startSlave(): HAClient {
    client = new HAClient(slave.commitLog, TIMING);
    client.setMasterAddress(haAddress);
    return client;
  }

  it('copies the commit log byte for byte across segment roll-overs; the slave serves the messages from its own queues', async () => {
    startSlave();
    await eventually(() => service.slaveCount === 1, 'slave connected');
    const count = 400;
    for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => master.putMessage(message('Repl', (i + k) % 3, body(i + k)))));
    expect(master.commitLogMaxOffset).toBeGreaterThan(4 * 64 * 1024);
    await eventually(() => slave.commitLogMaxOffset === master.commitLogMaxOffset, 'slave caught up');
    expect(commitLogBytes(join(dir, 'slave'), 0).equals(commitLogBytes(join(dir, 'master'), 0))).toBe(true);

    await slave.waitForDispatch();
    const bodies: string[] = [];
    for (let queueId = 0; queueId < 3; queueId++) {
      const fromSlave = await readQueueBodies(slave, 'Repl', queueId);
      expect(fromSlave).toEqual(await readQueueBodies(master, 'Repl', queueId));
      bodies.push(...fromSlave);
    }
    expect(bodies.sort()).toEqual(Array.from({ length: count }, (_, i) => body(i)).sort());
  });

  it('starts an empty slave at the master’s last segment, and resumes a slave from where it stopped', async () => {
    for (let i = 0; i < 200; i++) await master.putMessage(message('Late', 0, body(i)));
    const lastSegmentStart = master.commitLogMaxOffset - (master.commitLogMaxOffset % (64 * 1024));
    expect(lastSegmentStart).toBeGreaterThan(0);
    startSlave();
    await eventually(() => slave.commitLogMaxOffset === master.commitLogMaxOffset, 'slave caught up');
    expect(slave.commitLog.minOffset).toBe(lastSegmentStart);
    expect(commitLogBytes(join(dir, 'slave'), lastSegmentStart).equals(commitLogBytes(join(dir, 'master'), lastSegmentStart))).toBe(true);

    client?.close();
    await eventually(() => service.slaveCount === 0, 'slave gone');
    for (let i = 200; i < 300; i++) await master.putMessage(message('Late', 0, body(i)));
    startSlave();
    await eventually(() => slave.commitLogMaxOffset === master.commitLogMaxOffset, 'slave resumed');
    expect(commitLogBytes(join(dir, 'slave'), lastSegmentStart).equals(commitLogBytes(join(dir, 'master'), lastSegmentStart))).toBe(true);
  });

  it('SYNC_MASTER: PUT_OK only once the slave holds the message; SLAVE_NOT_AVAILABLE without a slave; FLUSH_SLAVE_TIMEOUT when it stops acknowledging', async () => {
    master.replica = service;
    const alone = await master.putMessage(message('Sync', 0, 'no slave yet'));
    expect(alone.status).toBe('SLAVE_NOT_AVAILABLE');

    startSlave();
    await eventually(() => service.slaveCount === 1, 'slave connected');
    const acked = await master.putMessage(message('Sync', 0, 'replicated'));
    expect(acked.status).toBe('PUT_OK');
    const end = (acked.appendResult?.wroteOffset ?? 0) + (acked.appendResult?.wroteBytes ?? 0);
    expect(slave.commitLogMaxOffset).toBeGreaterThanOrEqual(end);
    const notWaiting = await master.putMessage(message('Sync', 0, 'no wait', { WAIT: 'false' }));
    expect(notWaiting.status).toBe('PUT_OK');

    // A slave that reports once and then goes quiet: connected, close enough, never acknowledging the next message.
    client?.close();
    client = undefined;
    await eventually(() => service.slaveCount === 0, 'real slave gone');
    const mute: Socket = connect(Number(haAddress.split(':')[1]), '127.0.0.1');
    try {
      await new Promise((resolve) => mute.once('connect', resolve));
      mute.write(encodeReport(master.commitLogMaxOffset));
      await eventually(() => service.slaveCount === 1 && service.push2SlaveMaxOffset >= end, 'mute slave reported');
      const started = Date.now();
      const timedOut = await master.putMessage(message('Sync', 0, 'nobody acknowledges'));
      expect(timedOut.status).toBe('FLUSH_SLAVE_TIMEOUT');
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      // Stored on the master all the same.
      await master.waitForDispatch();
      expect(await readQueueBodies(master, 'Sync', 0)).toEqual(['no slave yet', 'replicated', 'no wait', 'nobody acknowledges']);
    } finally {
      mute.destroy();
    }
  });

  it('counts no acknowledgement past the master’s end, not even in a slave’s first report', async () => {
    master.replica = service;
    await master.putMessage(message('Ahead', 0, 'before'));
    const ahead: Socket = connect(Number(haAddress.split(':')[1]), '127.0.0.1');
    try {
      await new Promise((resolve) => ahead.once('connect', resolve));
      let closed = false;
      ahead.once('close', () => (closed = true));
      ahead.write(encodeReport(master.commitLogMaxOffset + 1024 * 1024));
      await eventually(() => closed, 'master closed the connection', 2000);
      expect(service.push2SlaveMaxOffset).toBeLessThanOrEqual(master.commitLogMaxOffset);
      expect((await master.putMessage(message('Ahead', 0, 'not replicated'))).status).toBe('SLAVE_NOT_AVAILABLE');
    } finally {
      ahead.destroy();
    }
  });

  it('keeps replicated bytes intact on a slave configured to warm its commit log', async () => {
    // Zero writes held back 3 ms, 4 KiB warming steps, 32 KiB frames: a zero write the slave's writer did not wait
    // for would land on bytes it has just copied.
    const zeroFill = SegmentFile.prototype.zeroFill;
    vi.spyOn(SegmentFile.prototype, 'zeroFill').mockImplementation(async function (this: SegmentFile, position, length) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      return zeroFill.call(this, position, length);
    });
    await slave.shutdown();
    slave = await openStore(join(dir, 'slave-warm'), { brokerRole: 'SLAVE', warmMapedFileEnable: true, flushLeastPagesWhenWarmMapedFile: 1 });
    try {
      startSlave();
      await eventually(() => service.slaveCount === 1, 'slave connected');
      for (let i = 0; i < 400; i += 20) await Promise.all(Array.from({ length: 20 }, (_, k) => master.putMessage(message('WarmRepl', 0, body(i + k)))));
      await eventually(() => slave.commitLogMaxOffset === master.commitLogMaxOffset, 'slave caught up');
      await new Promise((resolve) => setTimeout(resolve, 20)); // let any zero write in flight land
      expect(commitLogBytes(join(dir, 'slave-warm'), 0).equals(commitLogBytes(join(dir, 'master'), 0))).toBe(true);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('drops a slave whose frames do not continue its log, without writing them', async () => {
    for (let i = 0; i < 5; i++) await master.putMessage(message('Gap', 0, body(i)));
    startSlave();
    await eventually(() => slave.commitLogMaxOffset === master.commitLogMaxOffset, 'slave caught up');
    const before = slave.commitLogMaxOffset;
    client?.close();
    // A rogue "master" that sends a frame at the wrong offset.
    const { createServer } = await import('node:net');
    const accepted: Socket[] = [];
    const rogue = createServer((socket) => {
      accepted.push(socket);
      socket.write(Buffer.concat([encodeTransferHeader(before + 100, 4), Buffer.from('evil')]));
    });
    const port = await new Promise<number>((resolve) => rogue.listen(0, '127.0.0.1', () => resolve((rogue.address() as { port: number }).port)));
    const misled = new HAClient(slave.commitLog, TIMING);
    try {
      misled.setMasterAddress(`127.0.0.1:${port}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(slave.commitLogMaxOffset).toBe(before);
    } finally {
      misled.close();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => rogue.close(resolve));
    }
  });
});

describe('HA wire format', () => {
  it('reports are big-endian int64 and only the last complete one counts', () => {
    expect(encodeReport(0x0102030405).toString('hex')).toBe('0000000102030405');
    const stream = Buffer.concat([encodeReport(10), encodeReport(20), Buffer.from([0, 0, 0])]);
    expect(lastReport(stream)).toEqual({ offset: 20, consumed: 16 });
    expect(lastReport(Buffer.from([1, 2]))).toEqual({ offset: undefined, consumed: 0 });
  });

  it('transfer frames are offset int64, size int32, then the bytes; a partial frame waits', () => {
    const frame = Buffer.concat([encodeTransferHeader(0x10000, 3), Buffer.from('abc')]);
    expect(frame.toString('hex')).toBe('0000000000010000' + '00000003' + '616263');
    const heartbeat = encodeTransferHeader(0x10003, 0);
    const parsed = readTransferFrames(Buffer.concat([frame, heartbeat, frame.subarray(0, 13)]), 1024);
    expect(parsed.frames.map((f) => [f.offset, f.body.toString()])).toEqual([
      [0x10000, 'abc'],
      [0x10003, ''],
    ]);
    expect(parsed.consumed).toBe(frame.length + heartbeat.length);
    expect(() => readTransferFrames(encodeTransferHeader(0, 5000), 1024)).toThrow('bad HA transfer frame');
  });
});
