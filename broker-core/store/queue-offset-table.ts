/**
 * Next logical offset of every queue, keyed `"<topic>-<queueId>"` like upstream's topicQueueTable. The commit-log
 * writer assigns from it; recovery rebuilds it from the consume queues after they have caught up with the log.
 */
export class QueueOffsetTable {
  private readonly table = new Map<string, number>();
  /** Key strings already built, per topic and queue id: the writer looks one up per message. */
  private readonly keys = new Map<string, string[]>();

  static key(topic: string, queueId: number): string {
    return `${topic}-${queueId}`;
  }

  /** `key()`, reusing the string built before for the same queue. */
  keyOf(topic: string, queueId: number): string {
    let byId = this.keys.get(topic);
    if (!byId) {
      if (this.keys.size >= 100_000) this.keys.clear();
      byId = [];
      this.keys.set(topic, byId);
    }
    if (queueId >= 0 && queueId < 1024) return (byId[queueId] ??= QueueOffsetTable.key(topic, queueId));
    return QueueOffsetTable.key(topic, queueId);
  }

  get(key: string): number {
    return this.table.get(key) ?? 0;
  }

  set(key: string, nextOffset: number): void {
    this.table.set(key, nextOffset);
  }

  removeTopic(topic: string): void {
    this.keys.delete(topic);
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
