import { join } from 'node:path';
import { stringifyFastjson } from '../../common/fastjson';
import {
  consumerOffsetWrapperToJson,
  decodeConsumerOffsetWrapperObject,
  splitTopicGroupKey,
  topicGroupKey,
  type ConsumerOffsetSerializeWrapper,
} from '../../protocol/bodies/consumer-offset-wrapper';
import { ConfigFile } from '../../store/config-file';

/**
 * Committed consumer offsets (Java `ConsumerOffsetManager`): "topic@group" -> queueId -> next offset to consume.
 * Kept in memory; written to `<storePathRootDir>/config/consumerOffset.json` by the controller every
 * flushConsumerOffsetInterval (5 s) when something changed, and at shutdown.
 */
export class ConsumerOffsetManager {
  private readonly table = new Map<string, Map<number, number>>();
  private readonly file: ConfigFile<ConsumerOffsetSerializeWrapper>;
  private dirty = false;

  constructor(storePathRootDir: string) {
    this.file = new ConfigFile(join(storePathRootDir, 'config', 'consumerOffset.json'), {
      decode: (json) => decodeConsumerOffsetWrapperObject(json, 'consumerOffset.json'),
      encode: (wrapper) => stringifyFastjson(consumerOffsetWrapperToJson(wrapper)),
      empty: () => ({ offsetTable: new Map() }),
    });
  }

  load(): void {
    for (const [key, queues] of this.file.load().offsetTable) this.table.set(key, new Map(queues));
  }

  commitOffset(group: string, topic: string, queueId: number, offset: number): void {
    const key = topicGroupKey(topic, group);
    let queues = this.table.get(key);
    if (!queues) {
      queues = new Map();
      this.table.set(key, queues);
    }
    if (queues.get(queueId) !== offset) {
      queues.set(queueId, offset);
      this.dirty = true;
    }
  }

  /** The committed offset, or -1. */
  queryOffset(group: string, topic: string, queueId: number): number {
    return this.table.get(topicGroupKey(topic, group))?.get(queueId) ?? -1;
  }

  /** queueId -> offset of one topic and group (a copy). */
  queryOffsets(group: string, topic: string): Map<number, number> {
    return new Map(this.table.get(topicGroupKey(topic, group)) ?? []);
  }

  whichTopicByConsumer(group: string): Set<string> {
    const topics = new Set<string>();
    for (const key of this.table.keys()) {
      const parts = splitTopicGroupKey(key);
      if (parts && parts.group === group) topics.add(parts.topic);
    }
    return topics;
  }

  whichGroupByTopic(topic: string): Set<string> {
    const groups = new Set<string>();
    for (const key of this.table.keys()) {
      const parts = splitTopicGroupKey(key);
      if (parts && parts.topic === topic) groups.add(parts.group);
    }
    return groups;
  }

  removeByTopic(topic: string): void {
    this.removeWhere((parts) => parts.topic === topic);
  }

  removeByGroup(group: string): void {
    this.removeWhere((parts) => parts.group === group);
  }

  /** Copies the offsets of `srcGroup` (all its topics, or one) to `destGroup`. */
  cloneOffset(srcGroup: string, destGroup: string, topic?: string): void {
    for (const source of topic ? [topic] : this.whichTopicByConsumer(srcGroup)) {
      const queues = this.table.get(topicGroupKey(source, srcGroup));
      if (!queues) continue;
      this.table.set(topicGroupKey(source, destGroup), new Map(queues));
      this.dirty = true;
    }
  }

  /**
   * A slave takes its master's offsets (SlaveSynchronize, upstream `offsetTable.putAll`): each "topic@group" the
   * master has replaces the local entry whole; keys only this broker has stay.
   */
  putAll(offsetTable: ReadonlyMap<string, ReadonlyMap<number, number>>): void {
    for (const [key, queues] of offsetTable) {
      // Marked dirty only when an entry differs, so an idle master's table is not rewritten every sync round.
      if (!sameQueues(this.table.get(key), queues)) this.dirty = true;
      this.table.set(key, new Map(queues));
    }
  }

  buildSerializeWrapper(): ConsumerOffsetSerializeWrapper {
    return { offsetTable: new Map([...this.table].map(([key, queues]) => [key, new Map(queues)])) };
  }

  /** Writes the file if anything changed since the last write (or always with force). */
  persist(force = false): void {
    if (!this.dirty && !force) return;
    // Cleared only once written: a failed write (full disk) is retried by the next periodic persist.
    this.file.persist(this.buildSerializeWrapper());
    this.dirty = false;
  }

  private removeWhere(match: (parts: { topic: string; group: string }) => boolean): void {
    for (const key of [...this.table.keys()]) {
      const parts = splitTopicGroupKey(key);
      if (parts && match(parts)) {
        this.table.delete(key);
        this.dirty = true;
      }
    }
  }
}

function sameQueues(a: ReadonlyMap<number, number> | undefined, b: ReadonlyMap<number, number>): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [queueId, offset] of b) if (a.get(queueId) !== offset) return false;
  return true;
}
