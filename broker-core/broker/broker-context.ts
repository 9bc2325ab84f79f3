import type { PlainPermissionManager } from '../acl';
import type { DataVersion } from '../protocol/bodies/data-version';
import type { MessageStore } from '../store/message-store';
import type { ConsumerManager } from './client/consumer-manager';
import type { ProducerManager } from './client/producer-manager';
import type { RebalanceLockManager } from './client/rebalance-lock-manager';
import type { BrokerConfig } from './config/broker-config';
import type { SqlFilterCache } from './filter/sql-filter-cache';
import type { PullRequestHoldService } from './longpolling/pull-request-hold-service';
import type { ConsumerOffsetManager } from './offset/consumer-offset-manager';
import type { BrokerRegistrar } from './registration/broker-registrar';
import type { ScheduleMessageService } from './schedule/schedule-message-service';
import type { BrokerRuntimeStats } from './stats/broker-runtime-stats';
import type { BrokerStatsManager } from './stats/broker-stats-manager';
import type { SubscriptionGroupManager } from './subscription/subscription-group-manager';
import type { TopicConfigManager } from './topic/topic-config-manager';

/**
 * What request processors see of the broker. The controller implements it; processors never reach further.
 * `config` is live: UPDATE_BROKER_CONFIG changes it in place.
 */
export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly store: MessageStore;
  readonly topics: TopicConfigManager;
  readonly groups: SubscriptionGroupManager;
  readonly offsets: ConsumerOffsetManager;
  readonly consumers: ConsumerManager;
  readonly producers: ProducerManager;
  readonly locks: RebalanceLockManager;
  readonly pullHold: PullRequestHoldService;
  readonly stats: BrokerStatsManager;
  readonly runtimeStats: BrokerRuntimeStats;
  readonly sqlFilters: SqlFilterCache;
  readonly registrar: BrokerRegistrar;
  /** Delivery of delayed messages (started on masters only). */
  readonly schedule: ScheduleMessageService;
  /** ACL 1.0 accounts (aclEnable=true), undefined when ACL is off. */
  readonly acl: PlainPermissionManager | undefined;
  /** "brokerIP1:listenPort" as clients and message ids see it. */
  readonly brokerAddr: string;
  /** Version of the broker configuration, bumped by UPDATE_BROKER_CONFIG (the GET_BROKER_CONFIG `version` header). */
  readonly configVersion: DataVersion;
  /** Applies validated key/value pairs (UPDATE_BROKER_CONFIG) and rewrites the config file. */
  updateConfig(entries: ReadonlyArray<readonly [string, string]>): void;
  /** Renders every key as properties text (GET_BROKER_CONFIG, `mqbroker -p`). */
  formatConfig(): string;
}
