import { createLogger } from '../../common/logger';
import type { ConsumeFromWhere, ConsumeType, MessageModel } from '../../protocol/bodies/heartbeat-data';
import type { Connection } from '../../remoting/connection';
import type { ClientChannelInfo } from './client-channel-info';
import { ConsumerGroupInfo, type RegisteredSubscription } from './consumer-group-info';

const log = createLogger('consumer-manager');

/** Called when a group's membership changed: the broker tells every member (NOTIFY_CONSUMER_IDS_CHANGED). */
export type ConsumerIdsChangedListener = (group: string, members: ClientChannelInfo[]) => void;

/**
 * Online consumers by group (Java `ConsumerManager`): registered by heartbeats, removed by UNREGISTER_CLIENT, by the
 * connection closing (at once) or by expiry (no heartbeat for channelExpiredTimeout, scanned periodically).
 */
export class ConsumerManager {
  private readonly groups = new Map<string, ConsumerGroupInfo>();

  constructor(private readonly onIdsChanged: ConsumerIdsChangedListener) {}

  getConsumerGroupInfo(group: string): ConsumerGroupInfo | undefined {
    return this.groups.get(group);
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  findSubscription(group: string, topic: string): RegisteredSubscription | undefined {
    return this.groups.get(group)?.subscriptions.get(topic);
  }

  subscriptionCount(group: string): number {
    return this.groups.get(group)?.subscriptions.size ?? 0;
  }

  findChannel(group: string, clientId: string): ClientChannelInfo | undefined {
    return this.groups.get(group)?.findChannelByClientId(clientId);
  }

  /** Returns true when membership or subscribed topics changed. */
  registerConsumer(
    group: string,
    info: ClientChannelInfo,
    consumeType: ConsumeType,
    messageModel: MessageModel,
    consumeFromWhere: ConsumeFromWhere,
    subscriptions: RegisteredSubscription[] | undefined,
    notify: boolean,
  ): boolean {
    let groupInfo = this.groups.get(group);
    if (!groupInfo) {
      groupInfo = new ConsumerGroupInfo(group, consumeType, messageModel, consumeFromWhere);
      this.groups.set(group, groupInfo);
    }
    const membersChanged = groupInfo.updateChannel(info, consumeType, messageModel, consumeFromWhere);
    const topicsChanged = subscriptions ? groupInfo.updateSubscription(subscriptions) : false;
    if ((membersChanged || topicsChanged) && notify) this.onIdsChanged(group, [...groupInfo.channels.values()]);
    return membersChanged || topicsChanged;
  }

  unregisterConsumer(group: string, connection: Connection, notify: boolean): void {
    const groupInfo = this.groups.get(group);
    if (!groupInfo || !groupInfo.channels.delete(connection)) return;
    log.info(`unregister consumer ok, no any connection, and remove consumer group, ${group}`);
    this.afterRemoval(group, groupInfo, notify);
  }

  /** A connection closed: remove it from every group at once. */
  doChannelCloseEvent(connection: Connection, notifyFor: (group: string) => boolean): void {
    for (const [group, groupInfo] of [...this.groups]) {
      if (groupInfo.channels.delete(connection)) {
        log.info(`NETTY EVENT: remove channel[${connection.remoteAddress}] from ConsumerManager consumerTable, group ${group}`);
        this.afterRemoval(group, groupInfo, notifyFor(group));
      }
    }
  }

  /** Drops members without a heartbeat for `timeoutMs`; returns their connections (the caller closes them). */
  scanNotActiveChannel(now: number, timeoutMs: number, notifyFor: (group: string) => boolean): Connection[] {
    const expired: Connection[] = [];
    for (const [group, groupInfo] of [...this.groups]) {
      let removed = false;
      for (const [connection, info] of [...groupInfo.channels]) {
        if (now - info.lastUpdateTimestamp > timeoutMs) {
          log.warn(`SCAN: remove expired channel from ConsumerManager consumerTable. channel=${connection.remoteAddress}, consumerGroup=${group}`);
          groupInfo.channels.delete(connection);
          expired.push(connection);
          removed = true;
        }
      }
      if (removed) this.afterRemoval(group, groupInfo, notifyFor(group));
    }
    return expired;
  }

  /** Groups with an online member subscribing `topic`. */
  queryTopicConsumeByWho(topic: string): Set<string> {
    const groups = new Set<string>();
    for (const [group, groupInfo] of this.groups) if (groupInfo.subscriptions.has(topic)) groups.add(group);
    return groups;
  }

  private afterRemoval(group: string, groupInfo: ConsumerGroupInfo, notify: boolean): void {
    if (groupInfo.channels.size === 0) {
      this.groups.delete(group);
      return;
    }
    if (notify) this.onIdsChanged(group, [...groupInfo.channels.values()]);
  }
}
