import * as fs from 'node:fs';
import { join } from 'node:path';
import { isPreparedOrRollback } from '../common/message/message-sysflag';
import { ConsumeQueue } from './consume-queue';
import type { DispatchRequest } from './dispatch-request';
import type { FileDescriptorPool } from './segment-file';

/** A consumer of commit-log records fed by the reput service (spec/store.md §5). */
export interface CommitLogDispatcher {
  /** Buffers what the record means for this structure; synchronous. */
  dispatch(request: DispatchRequest): void;
  /**
   * Makes what `dispatch` buffered visible to readers; after it resolves the records can be read. It may keep data in
   * write-behind buffers (readers consult them) unless `force` is set, which writes everything to the files.
   */
  commit(force?: boolean): Promise<void>;
}

/**
 * All consume queues under `consumequeue/<topic>/<queueId>/`, and the dispatcher that builds them. PREPARED and
 * ROLLBACK transaction records get no unit. Each queue buffers its new units (write-behind, consume-queue.ts); the
 * store writes a queue's buffer when it is full, and all of them when their total passes TOTAL_WRITE_BEHIND_BYTES, on
 * the flush timer, at checkpoints and at shutdown, so memory stays bounded however many queues are active.
 */
const TOTAL_WRITE_BEHIND_BYTES = 8 * 1024 * 1024;

export class ConsumeQueueStore implements CommitLogDispatcher {
  private readonly queues = new Map<string, Map<number, ConsumeQueue>>();
  private readonly dirty = new Set<ConsumeQueue>();

  constructor(
    readonly rootDirectory: string,
    readonly fileSize: number,
    private readonly pool?: FileDescriptorPool,
  ) {}

  /** Loads every `<topic>/<queueId>` directory (non-numeric queue ids are skipped, as upstream does). */
  load(): void {
    if (!fs.existsSync(this.rootDirectory)) return;
    for (const topic of fs.readdirSync(this.rootDirectory)) {
      const topicDir = join(this.rootDirectory, topic);
      if (!fs.statSync(topicDir).isDirectory()) continue;
      for (const queueDir of fs.readdirSync(topicDir)) {
        if (!/^\d+$/.test(queueDir)) continue;
        const queue = this.create(topic, Number(queueDir));
        queue.load();
      }
    }
  }

  private create(topic: string, queueId: number): ConsumeQueue {
    let byId = this.queues.get(topic);
    if (!byId) {
      byId = new Map();
      this.queues.set(topic, byId);
    }
    const queue = new ConsumeQueue(topic, queueId, join(this.rootDirectory, topic, String(queueId)), this.fileSize, this.pool);
    byId.set(queueId, queue);
    return queue;
  }

  find(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.queues.get(topic)?.get(queueId);
  }

  findOrCreate(topic: string, queueId: number): ConsumeQueue {
    return this.find(topic, queueId) ?? this.create(topic, queueId);
  }

  topics(): string[] {
    return [...this.queues.keys()];
  }

  queuesOf(topic: string): ConsumeQueue[] {
    return [...(this.queues.get(topic)?.values() ?? [])];
  }

  *all(): IterableIterator<ConsumeQueue> {
    for (const byId of this.queues.values()) yield* byId.values();
  }

  /** Queues that have at least one file on disk. */
  get storedQueueCount(): number {
    let count = 0;
    for (const queue of this.all()) if (queue.segments.files.length > 0) count++;
    return count;
  }

  dispatch(request: DispatchRequest): void {
    if (isPreparedOrRollback(request.sysFlag)) return;
    const queue = this.findOrCreate(request.topic, request.queueId);
    if (queue.putUnit(request.commitLogOffset, request.msgSize, request.tagsCode, request.consumeQueueOffset)) this.dirty.add(queue);
  }

  async commit(force = false): Promise<void> {
    if (this.dirty.size === 0) return;
    let total = 0;
    for (const queue of this.dirty) total += queue.pendingBytes;
    const all = force || total >= TOTAL_WRITE_BEHIND_BYTES;
    const writing: ConsumeQueue[] = [];
    for (const queue of this.dirty) {
      if (all || queue.shouldWrite) writing.push(queue);
      else queue.publish();
    }
    if (writing.length > 0) await Promise.all(writing.map((queue) => queue.commit(true)));
    for (const queue of writing) {
      if (queue.hasPending) continue;
      this.dirty.delete(queue);
      if (force) queue.releaseBuffer();
    }
  }

  /** Highest commit-log end referenced by any queue (-1 when none). */
  get maxPhysicOffset(): number {
    let max = -1;
    for (const queue of this.all()) max = Math.max(max, queue.maxPhysicOffset);
    return max;
  }

  async truncateDirty(physicalOffset: number): Promise<void> {
    for (const queue of this.all()) await queue.truncateDirty(physicalOffset);
  }

  correctMinOffsets(commitLogMinOffset: number): void {
    for (const queue of this.all()) queue.correctMinOffset(commitLogMinOffset);
  }

  async flush(leastPages: number): Promise<void> {
    for (const queue of this.all()) await queue.flush(leastPages);
  }

  async deleteExpiredFiles(commitLogMinOffset: number): Promise<number> {
    let deleted = 0;
    for (const queue of this.all()) deleted += await queue.deleteExpiredFiles(commitLogMinOffset);
    return deleted;
  }

  async deleteTopic(topic: string): Promise<boolean> {
    const byId = this.queues.get(topic);
    if (!byId) return false;
    this.queues.delete(topic);
    for (const queue of byId.values()) {
      this.dirty.delete(queue);
      await queue.destroy();
    }
    fs.rmSync(join(this.rootDirectory, topic), { recursive: true, force: true });
    return true;
  }

  async destroyAll(): Promise<void> {
    for (const topic of this.topics()) await this.deleteTopic(topic);
  }

  close(): void {
    for (const queue of this.all()) queue.close();
  }
}
