import type { Connection } from '../remoting/connection';
import type { DataVersion } from '../protocol/bodies/data-version';

/**
 * Which brokers are alive (semantics.md §12.1): one entry per broker address, refreshed by every REGISTER_BROKER (and
 * by an unchanged QUERY_DATA_VERSION). An entry older than its timeout is expired by the periodic scan; the
 * connection it registered on lets a closed connection remove its brokers at once.
 */
export interface BrokerLiveInfo {
  lastUpdateTimestamp: number;
  /** Data version of the broker's topic table at its last registration. */
  dataVersion: DataVersion;
  /** Connection of the last registration (absent when registered without one, e.g. in unit tests). */
  connection?: Connection;
  haServerAddr: string;
  /** How long the entry lives without a refresh (the broker's own heartbeatTimeoutMillis in 5.x, else the default). */
  timeoutMillis: number;
}

export class BrokerLiveTable {
  private readonly entries = new Map<string, BrokerLiveInfo>();

  get(brokerAddr: string): BrokerLiveInfo | undefined {
    return this.entries.get(brokerAddr);
  }

  /** Stores the entry; returns whether the address was new. */
  put(brokerAddr: string, info: BrokerLiveInfo): boolean {
    const isNew = !this.entries.has(brokerAddr);
    this.entries.set(brokerAddr, info);
    return isNew;
  }

  delete(brokerAddr: string): boolean {
    return this.entries.delete(brokerAddr);
  }

  touch(brokerAddr: string, now: number): void {
    const info = this.entries.get(brokerAddr);
    if (info) info.lastUpdateTimestamp = now;
  }

  addresses(): string[] {
    return [...this.entries.keys()];
  }

  /** Addresses whose last refresh is older than their timeout. */
  expired(now: number): string[] {
    const result: string[] = [];
    for (const [addr, info] of this.entries) if (info.lastUpdateTimestamp + info.timeoutMillis < now) result.push(addr);
    return result;
  }

  /** Addresses whose latest registration arrived on `connection`. */
  registeredOn(connection: Connection): string[] {
    const result: string[] = [];
    for (const [addr, info] of this.entries) if (info.connection === connection) result.push(addr);
    return result;
  }
}
