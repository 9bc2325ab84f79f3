import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SerialWriter } from '../../common/atomic-file';
import { ObjectKeyMap, parseFastjson, stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { createLogger } from '../../common/logger';
import { decodeMessageQueueKey, messageQueueToJson, sameMessageQueue, type MessageQueue } from '../message-queue';
import { OFFSET_NOT_FOUND, OffsetTable, type OffsetStore, type ReadOffsetType } from './offset-store';

const log = createLogger('offset-store');

/**
 * Offsets of a broadcasting consumer, kept on the consumer's machine (Java `LocalFileOffsetStore`, semantics.md
 * §10.2) in `<dir>/<clientId>/<group>/offsets.json`, dir `~/.rocketmq_offsets` unless configured (Java system property
 * `rocketmq.client.localOffsetStoreDir`). The file is Java's OffsetSerializeWrapper, MessageQueue objects as keys:
 *
 *   {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:42,...}}
 *
 * Written atomically (temp file + rename); a missing file means a first start.
 */
export const DEFAULT_LOCAL_OFFSET_DIR = join(homedir(), '.rocketmq_offsets');

export function localOffsetFilePath(clientId: string, group: string, dir = DEFAULT_LOCAL_OFFSET_DIR): string {
  return join(dir, clientId, group, 'offsets.json');
}

export class LocalFileOffsetStore implements OffsetStore {
  readonly path: string;
  private readonly table = new OffsetTable();
  private readonly writer: SerialWriter;
  /** The text of the last write started (undefined after a failed one), to skip rewriting an unchanged table. */
  private written: string | undefined;

  constructor(clientId: string, group: string, dir?: string) {
    this.path = localOffsetFilePath(clientId, group, dir);
    this.writer = new SerialWriter(this.path, () => (this.written = this.serialize()));
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const { mq, offset } of parseOffsetFile(text, this.path)) this.table.update(mq, offset, false);
  }

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  async readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number> {
    if (type !== 'store') {
      const cached = this.table.get(mq);
      if (cached !== undefined || type === 'memory') return cached ?? OFFSET_NOT_FOUND;
    }
    let stored: Array<{ mq: MessageQueue; offset: number }> = [];
    try {
      stored = parseOffsetFile(await readFile(this.path, 'utf8'), this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`cannot read ${this.path}: ${(error as Error).message}`);
    }
    const entry = stored.find((item) => sameMessageQueue(item.mq, mq));
    if (!entry) return OFFSET_NOT_FOUND;
    this.table.update(mq, entry.offset, false);
    return entry.offset;
  }

  async persistAll(queues: readonly MessageQueue[]): Promise<void> {
    if (queues.length === 0) return;
    await this.persist();
  }

  /**
   * Writes the table unless it is what the last write held: persistAll runs every 5 s and an idle consumer would
   * otherwise rewrite (and fsync) the same file each time. A write of that text may still be running: wait for it.
   */
  async persist(): Promise<void> {
    if (this.written !== undefined && this.serialize() === this.written) return this.writer.idle();
    await this.writer.write().catch((error: unknown) => {
      this.written = undefined;
      throw error;
    });
  }

  removeOffset(): void {
    // Java keeps broadcasting offsets of queues it no longer reads: the file is this client's alone.
  }

  cloneOffsetTable(topic?: string) {
    return this.table.clone(topic);
  }

  private serialize(): string {
    const map = new ObjectKeyMap<Record<string, unknown>, number>();
    for (const { mq, offset } of this.table.entries()) map.set(messageQueueToJson(mq), offset);
    return stringifyFastjson({ offsetTable: map });
  }
}

function parseOffsetFile(text: string, path: string): Array<{ mq: MessageQueue; offset: number }> {
  if (text.trim() === '') return [];
  const root = parseFastjson<{ offsetTable?: Record<string, JsonValue> }>(text);
  const result: Array<{ mq: MessageQueue; offset: number }> = [];
  for (const [key, value] of Object.entries(root.offsetTable ?? {})) {
    if (typeof value !== 'number') throw new Error(`${path}: the offset of ${key} is not a number`);
    result.push({ mq: decodeMessageQueueKey(key, `${path} offsetTable key`), offset: value });
  }
  return result;
}
