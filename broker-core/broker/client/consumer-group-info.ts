import type { CompiledSql92 } from '../../filter/sql92-evaluator';
import type { SubscriptionData } from '../../filter/tag-filter';
import type { ConsumeFromWhere, ConsumeType, MessageModel } from '../../protocol/bodies/heartbeat-data';
import type { Connection } from '../../remoting/connection';
import type { ClientChannelInfo } from './client-channel-info';

/** A subscription registered by heartbeat, with its SQL92 expression compiled once. */
export interface RegisteredSubscription {
  data: SubscriptionData;
  compiledSql?: CompiledSql92;
}

/**
 * The online members of one consumer group and what they subscribe (Java `ConsumerGroupInfo`). Members of a group
 * share one subscription table, as upstream: the newest subVersion of a topic wins.
 */
export class ConsumerGroupInfo {
  readonly channels = new Map<Connection, ClientChannelInfo>();
  readonly subscriptions = new Map<string, RegisteredSubscription>();
  lastUpdateTimestamp = Date.now();

  constructor(
    readonly groupName: string,
    public consumeType: ConsumeType,
    public messageModel: MessageModel,
    public consumeFromWhere: ConsumeFromWhere,
  ) {}

  /** Adds or refreshes a member; true when it is new. */
  updateChannel(info: ClientChannelInfo, consumeType: ConsumeType, messageModel: MessageModel, consumeFromWhere: ConsumeFromWhere): boolean {
    this.consumeType = consumeType;
    this.messageModel = messageModel;
    this.consumeFromWhere = consumeFromWhere;
    const existing = this.channels.get(info.connection);
    const isNew = !existing;
    if (existing && existing.clientId !== info.clientId) {
      // the same connection announced another client id: replace it, as upstream logs and does
      this.channels.set(info.connection, info);
    } else if (isNew) {
      this.channels.set(info.connection, info);
    } else {
      existing.lastUpdateTimestamp = info.lastUpdateTimestamp;
    }
    this.lastUpdateTimestamp = Date.now();
    return isNew;
  }

  /** Replaces subscriptions that are new or newer and drops topics no longer subscribed; true when topics changed. */
  updateSubscription(subscriptions: RegisteredSubscription[]): boolean {
    let changed = false;
    for (const subscription of subscriptions) {
      const old = this.subscriptions.get(subscription.data.topic);
      if (!old) {
        this.subscriptions.set(subscription.data.topic, subscription);
        changed = true;
      } else if (subscription.data.subVersion > old.data.subVersion) {
        this.subscriptions.set(subscription.data.topic, subscription);
      }
    }
    const topics = new Set(subscriptions.map((subscription) => subscription.data.topic));
    for (const topic of [...this.subscriptions.keys()]) {
      if (!topics.has(topic)) {
        this.subscriptions.delete(topic);
        changed = true;
      }
    }
    this.lastUpdateTimestamp = Date.now();
    return changed;
  }

  findChannelByClientId(clientId: string): ClientChannelInfo | undefined {
    for (const info of this.channels.values()) if (info.clientId === clientId) return info;
    return undefined;
  }

  clientIds(): string[] {
    return [...this.channels.values()].map((info) => info.clientId);
  }
}
