import { join } from 'node:path';
import { createLogger } from '../../common/logger';
import { stringifyFastjson } from '../../common/fastjson';
import { SystemTopic } from '../../common/message/message-const';
import { newDataVersion, nextDataVersion, type DataVersion } from '../../protocol/bodies/data-version';
import { isInherited, newTopicConfig, PERM_INHERIT, PERM_READ, PERM_WRITE, type TopicConfig } from '../../protocol/bodies/topic-config';
import { decodeTopicConfigWrapper, topicConfigWrapperToJson, type TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-wrapper';
import { ConfigFile } from '../../store/config-file';
import type { BrokerConfig } from '../config/broker-config';
import { builtInTopics } from './system-topics';
import { BUILT_IN_SYSTEM_TOPICS, SYSTEM_TOPIC_PREFIX } from './topic-validator';

const log = createLogger('topic-config');

/**
 * The broker's topic table (Java `TopicConfigManager`): built-in topics created in memory, overlaid by
 * `<storePathRootDir>/config/topics.json`; every change bumps the data version, persists the file and calls
 * `onChanged` (the controller re-registers with the nameservers). Node runs one handler at a time and nothing here
 * awaits, so a check-then-create cannot interleave with another (upstream needs a lock for that).
 */
export class TopicConfigManager {
  private readonly table = new Map<string, TopicConfig>();
  private version: DataVersion = newDataVersion();
  private readonly file: ConfigFile<TopicConfigSerializeWrapper>;
  private readonly systemTopicSet: Set<string>;
  /** Set by the controller: announce the new table to the nameservers (oneway). */
  onChanged: () => void = () => {};

  constructor(private readonly config: BrokerConfig) {
    this.file = new ConfigFile(join(config.storePathRootDir, 'config', 'topics.json'), {
      decode: (json) => decodeTopicConfigWrapper(json, 'topics.json'),
      encode: (wrapper) => stringifyFastjson(topicConfigWrapperToJson(wrapper)),
      empty: () => ({ topicConfigTable: {}, dataVersion: newDataVersion() }),
    });
    for (const topic of builtInTopics(config)) this.table.set(topic.topicName, topic);
    this.systemTopicSet = new Set([...BUILT_IN_SYSTEM_TOPICS, config.brokerClusterName, config.brokerName]);
  }

  /** Overlays topics.json (or its .bak) on the built-in topics. */
  load(): void {
    const loaded = this.file.load();
    for (const [name, topic] of Object.entries(loaded.topicConfigTable)) this.table.set(name, topic);
    if (loaded.dataVersion.timestamp > 0) this.version = loaded.dataVersion;
  }

  get dataVersion(): DataVersion {
    return this.version;
  }

  selectTopicConfig(topic: string): TopicConfig | undefined {
    return this.table.get(topic);
  }

  topicNames(): string[] {
    return [...this.table.keys()];
  }

  isSystemTopic(topic: string): boolean {
    return this.systemTopicSet.has(topic) || topic.startsWith(SYSTEM_TOPIC_PREFIX);
  }

  systemTopics(): string[] {
    return [...this.systemTopicSet];
  }

  isOrderTopic(topic: string): boolean {
    return this.table.get(topic)?.order === true;
  }

  /**
   * A producer sent to an unknown topic: create it from the template `defaultTopic` if that topic exists and may be
   * inherited (semantics.md §3). TBW102 without autoCreateTopicEnable is never inheritable.
   */
  createTopicInSendMessageMethod(topic: string, defaultTopic: string, producerAddress: string, clientDefaultTopicQueueNums: number, topicSysFlag: number): TopicConfig | undefined {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const template = this.table.get(defaultTopic);
    if (!template) {
      log.warn(`Create new topic failed, because the default topic[${defaultTopic}] not exist. producer:[${producerAddress}]`);
      return undefined;
    }
    let templatePerm = template.perm;
    if (defaultTopic === SystemTopic.AUTO_CREATE_TOPIC_KEY && !this.config.autoCreateTopicEnable) templatePerm = PERM_READ | PERM_WRITE;
    if (!isInherited(templatePerm)) {
      log.warn(`Create new topic failed, because the default topic[${defaultTopic}] has no perm [${templatePerm}] producer:[${producerAddress}]`);
      return undefined;
    }
    const queueNums = Math.max(0, Math.min(clientDefaultTopicQueueNums, template.writeQueueNums));
    const created = newTopicConfig(topic, {
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: templatePerm & ~PERM_INHERIT,
      topicSysFlag,
      topicFilterType: template.topicFilterType,
    });
    log.info(`Create new topic by default topic:[${defaultTopic}] config:[${JSON.stringify(created)}] producer:[${producerAddress}]`);
    this.put(created);
    return created;
  }

  /** Retry / DLQ topics: created with the given queues and perm whatever the template says. */
  createTopicInSendMessageBackMethod(topic: string, queueNums: number, perm: number, topicSysFlag: number): TopicConfig {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const created = newTopicConfig(topic, { readQueueNums: queueNums, writeQueueNums: queueNums, perm, topicSysFlag });
    log.info(`create new topic ${JSON.stringify(created)}`);
    this.put(created);
    return created;
  }

  /** Admin create/update (UPDATE_AND_CREATE_TOPIC). */
  updateTopicConfig(topic: TopicConfig): void {
    const old = this.table.get(topic.topicName);
    log.info(old ? `update topic config, old:[${JSON.stringify(old)}] new:[${JSON.stringify(topic)}]` : `create new topic [${JSON.stringify(topic)}]`);
    this.put({ ...topic });
  }

  deleteTopicConfig(topic: string): boolean {
    const old = this.table.get(topic);
    if (!old) return false;
    this.table.delete(topic);
    log.info(`delete topic config OK, topic: ${JSON.stringify(old)}`);
    this.changed();
    return true;
  }

  /** Marks the topics of the nameserver's ORDER_TOPIC_CONFIG namespace ordered and the others not. */
  updateOrderTopicConfig(orderTopics: Record<string, string> | undefined): void {
    if (!orderTopics) return;
    let changed = false;
    for (const [name, topic] of this.table) {
      const order = Object.prototype.hasOwnProperty.call(orderTopics, name);
      if (topic.order !== order) {
        this.table.set(name, { ...topic, order });
        changed = true;
      }
    }
    if (changed) this.changed(false);
  }

  /** A new data version without a table change, so nameservers take the next registration (brokerPermission). */
  bumpDataVersion(): void {
    this.changed(false);
  }

  /**
   * A slave adopts its master's whole table and data version (SlaveSynchronize) and persists it. Not announced:
   * nameservers build routes from masters' tables only, and the next periodic registration carries the new version.
   */
  replaceAll(wrapper: TopicConfigSerializeWrapper): void {
    this.table.clear();
    for (const [name, topic] of Object.entries(wrapper.topicConfigTable)) this.table.set(name, { ...topic });
    this.version = { ...wrapper.dataVersion };
    this.persist();
  }

  /** A copy of the table with its data version (GET_ALL_TOPIC_CONFIG, registration). */
  buildSerializeWrapper(): TopicConfigSerializeWrapper {
    const topicConfigTable: Record<string, TopicConfig> = {};
    for (const [name, topic] of this.table) topicConfigTable[name] = { ...topic };
    return { topicConfigTable, dataVersion: { ...this.version } };
  }

  persist(): void {
    this.file.persist(this.buildSerializeWrapper());
  }

  private put(topic: TopicConfig): void {
    this.table.set(topic.topicName, topic);
    this.changed();
  }

  private changed(announce = true): void {
    this.version = nextDataVersion(this.version);
    this.persist();
    if (announce) this.onChanged();
  }
}
