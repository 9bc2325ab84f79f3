import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageStore, type MessageStoreOptions } from '../message-store';
import type { MessageStoreConfig } from '../message-store-config';
import type { MessageToStore } from '../store-types';

/** Small geometry so tests roll segments and files quickly. */
export function smallStoreConfig(root: string, overrides: Partial<MessageStoreConfig> = {}): Partial<MessageStoreConfig> {
  return {
    storePathRootDir: root,
    mappedFileSizeCommitLog: 64 * 1024,
    mappedFileSizeConsumeQueue: 20 * 100,
    maxHashSlotNum: 1000,
    maxIndexNum: 4000,
    flushIntervalCommitLog: 20,
    flushIntervalConsumeQueue: 20,
    deleteCommitLogFilesInterval: 0,
    ...overrides,
  };
}

export function makeTempDir(prefix = 'rmq-store-'): string {
  return fs.mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function openStore(root: string, overrides: Partial<MessageStoreConfig> = {}, options: MessageStoreOptions = {}): Promise<MessageStore> {
  return MessageStore.open(smallStoreConfig(root, overrides), { storeHost: '10.0.0.1:10911', ...options });
}

export function message(topic: string, queueId: number, body: string | Buffer, properties: Record<string, string> = {}): MessageToStore {
  return {
    topic,
    queueId,
    flag: 0,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    properties: new Map(Object.entries(properties)),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: '192.168.0.10:52000',
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

/** Reads a whole queue through the pull path; returns the decoded bodies in queue order. */
export async function readQueueBodies(store: MessageStore, topic: string, queueId: number): Promise<string[]> {
  const bodies: string[] = [];
  const { decodeStoredMessage } = await import('../../common/message/stored-message-decoder');
  let offset = store.getMinOffsetInQueue(topic, queueId);
  for (;;) {
    const result = await store.getMessage('G', topic, queueId, offset, 32);
    if (result.status !== 'FOUND') break;
    for (const record of result.messages) bodies.push(decodeStoredMessage(record).body.toString());
    offset = result.nextBeginOffset;
  }
  return bodies;
}
