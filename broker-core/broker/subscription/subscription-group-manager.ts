import { join } from 'node:path';
import { createLogger } from '../../common/logger';
import { stringifyFastjson } from '../../common/fastjson';
import { newDataVersion, nextDataVersion, type DataVersion } from '../../protocol/bodies/data-version';
import {
  decodeSubscriptionGroupWrapperObject,
  newSubscriptionGroupConfig,
  subscriptionGroupWrapperToJson,
  type SubscriptionGroupConfig,
  type SubscriptionGroupWrapper,
} from '../../protocol/bodies/subscription-group-config';
import { ConfigFile } from '../../store/config-file';
import type { BrokerConfig } from '../config/broker-config';
import { BUILT_IN_GROUPS, groupNameProblem, isSystemGroup } from '../topic/topic-validator';

const log = createLogger('subscription-group');

/**
 * Consumer group settings (Java `SubscriptionGroupManager`): built-in groups, overlaid by
 * `<storePathRootDir>/config/subscriptionGroup.json`. An unknown group is created with defaults on first use when
 * autoCreateSubscriptionGroup is on (always for CID_RMQ_SYS_ groups); every change bumps the data version and persists.
 */
export class SubscriptionGroupManager {
  private readonly table = new Map<string, SubscriptionGroupConfig>();
  private version: DataVersion = newDataVersion();
  private readonly file: ConfigFile<SubscriptionGroupWrapper>;

  constructor(private readonly config: BrokerConfig) {
    this.file = new ConfigFile(join(config.storePathRootDir, 'config', 'subscriptionGroup.json'), {
      decode: (json) => decodeSubscriptionGroupWrapperObject(json, 'subscriptionGroup.json'),
      encode: (wrapper) => stringifyFastjson(subscriptionGroupWrapperToJson(wrapper)),
      empty: () => ({ subscriptionGroupTable: {}, dataVersion: newDataVersion() }),
    });
    for (const group of BUILT_IN_GROUPS) this.table.set(group, newSubscriptionGroupConfig(group));
  }

  load(): void {
    const loaded = this.file.load();
    for (const [name, group] of Object.entries(loaded.subscriptionGroupTable)) this.table.set(name, group);
    if (loaded.dataVersion.timestamp > 0) this.version = loaded.dataVersion;
  }

  get dataVersion(): DataVersion {
    return this.version;
  }

  /** The group's settings, created with defaults when allowed; undefined otherwise. */
  findSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    const existing = this.table.get(group);
    if (existing) return existing;
    if (!this.config.autoCreateSubscriptionGroup && !isSystemGroup(group)) return undefined;
    if (groupNameProblem(group)) return undefined;
    const created = newSubscriptionGroupConfig(group);
    log.info(`auto create a subscription group, ${JSON.stringify(created)}`);
    this.table.set(group, created);
    this.changed();
    return created;
  }

  get(group: string): SubscriptionGroupConfig | undefined {
    return this.table.get(group);
  }

  groupNames(): string[] {
    return [...this.table.keys()];
  }

  updateSubscriptionGroupConfig(config: SubscriptionGroupConfig): void {
    const old = this.table.get(config.groupName);
    log.info(old ? `update subscription group config, old: ${JSON.stringify(old)} new: ${JSON.stringify(config)}` : `create new subscription group, ${JSON.stringify(config)}`);
    this.table.set(config.groupName, { ...config });
    this.changed();
  }

  deleteSubscriptionGroupConfig(group: string): boolean {
    if (!this.table.delete(group)) {
      log.warn(`delete subscription group failed, subscription group: ${group} not exist`);
      return false;
    }
    log.info(`delete subscription group OK, subscription group: ${group}`);
    this.changed();
    return true;
  }

  /** A slave adopts its master's whole table and data version (SlaveSynchronize) and persists it. */
  replaceAll(wrapper: SubscriptionGroupWrapper): void {
    this.table.clear();
    for (const [name, group] of Object.entries(wrapper.subscriptionGroupTable)) this.table.set(name, { ...group });
    this.version = { ...wrapper.dataVersion };
    this.persist();
  }

  buildSerializeWrapper(): SubscriptionGroupWrapper {
    const subscriptionGroupTable: Record<string, SubscriptionGroupConfig> = {};
    for (const [name, group] of this.table) subscriptionGroupTable[name] = { ...group };
    return { subscriptionGroupTable, dataVersion: { ...this.version } };
  }

  persist(): void {
    this.file.persist(this.buildSerializeWrapper());
  }

  private changed(): void {
    this.version = nextDataVersion(this.version);
    this.persist();
  }
}
