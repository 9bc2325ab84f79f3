/**
 * Next logical offset of every queue, keyed `"<topic>-<queueId>"` like upstream's topicQueueTable. The commit-log
 * writer assigns from it; recovery rebuilds it from the consume queues after they have caught up with the log.
 */
export class QueueOffsetTable {
  private readonly table = new Map<string, number>();

  static key(topic: string, queueId: number): string {
    return `${topic}-${queueId}`;
  }

  get(key: string): number {
    return this.table.get(key) ?? 0;
  }

  set(key: string, nextOffset: number): void {
    this.table.set(key, nextOffset);
  }

  removeTopic(topic: string): void {
    const prefix = `${topic}-`;
    for (const key of [...this.table.keys()]) {
      if (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))) this.table.delete(key);
    }
  }

  clear(): void {
    this.table.clear();
  }

  get size(): number {
    return this.table.size;
  }
}
