import { createLogger } from '../../common/logger';
import type { Connection } from '../../remoting/connection';
import type { ClientChannelInfo } from './client-channel-info';

const log = createLogger('producer-manager');

/**
 * Online producers by group (Java `ProducerManager`), for connection lists and, later, transaction check-backs.
 * Same lifecycle as consumers: heartbeat, UNREGISTER_CLIENT, connection close, expiry.
 */
export class ProducerManager {
  private readonly groups = new Map<string, Map<Connection, ClientChannelInfo>>();
  private roundRobin = 0;

  registerProducer(group: string, info: ClientChannelInfo): void {
    let channels = this.groups.get(group);
    if (!channels) {
      channels = new Map();
      this.groups.set(group, channels);
    }
    const existing = channels.get(info.connection);
    if (existing && existing.clientId === info.clientId) existing.lastUpdateTimestamp = info.lastUpdateTimestamp;
    else {
      channels.set(info.connection, info);
      log.info(`new producer connected, group: ${group} channel: ${info.connection.remoteAddress}`);
    }
  }

  unregisterProducer(group: string, connection: Connection): void {
    const channels = this.groups.get(group);
    if (!channels || !channels.delete(connection)) return;
    if (channels.size === 0) this.groups.delete(group);
  }

  getChannels(group: string): ClientChannelInfo[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  /** One live connection of the group, round-robin (transaction check-backs). */
  getAvailableChannel(group: string): Connection | undefined {
    const channels = this.getChannels(group).filter((info) => !info.connection.closed);
    if (channels.length === 0) return undefined;
    this.roundRobin = (this.roundRobin + 1) % channels.length;
    return channels[this.roundRobin].connection;
  }

  /** Every group with its connections (GET_ALL_PRODUCER_INFO). */
  allGroups(): Map<string, ClientChannelInfo[]> {
    return new Map([...this.groups].map(([group, channels]) => [group, [...channels.values()]]));
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  doChannelCloseEvent(connection: Connection): void {
    for (const [group, channels] of [...this.groups]) {
      if (channels.delete(connection)) {
        log.info(`NETTY EVENT: remove channel[${connection.remoteAddress}] from ProducerManager groupChannelTable, producer group: ${group}`);
        if (channels.size === 0) this.groups.delete(group);
      }
    }
  }

  scanNotActiveChannel(now: number, timeoutMs: number): Connection[] {
    const expired: Connection[] = [];
    for (const [group, channels] of [...this.groups]) {
      for (const [connection, info] of [...channels]) {
        if (now - info.lastUpdateTimestamp > timeoutMs) {
          log.warn(`SCAN: remove expired channel[${connection.remoteAddress}] from ProducerManager groupChannelTable, producer group name: ${group}`);
          channels.delete(connection);
          expired.push(connection);
        }
      }
      if (channels.size === 0) this.groups.delete(group);
    }
    return expired;
  }
}
