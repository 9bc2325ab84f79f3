import type { MessageProperties } from './message-properties';

/** A decoded stored message (Java `MessageExt`), as the broker reads it from the commit log or a client from a pull. */
export interface MessageExt {
  /** TOTALSIZE: length of the whole record. */
  storeSize: number;
  magicCode: number;
  bodyCRC: number;
  queueId: number;
  flag: number;
  queueOffset: number;
  commitLogOffset: number;
  sysFlag: number;
  bornTimestamp: number;
  /** `ip:port` (IPv6 as `[groups]:port`). */
  bornHost: string;
  storeTimestamp: number;
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** As stored, or inflated when decoded with `decompressBody` (then sysFlag bit 0 is cleared, as Java clients do). */
  body: Buffer;
  topic: string;
  properties: MessageProperties;
  /** The offset message id: store host + commit-log offset, upper-case hex. */
  msgId: string;
  tags?: string;
  keys?: string;
  /** Client unique id (`UNIQ_KEY`), what Java's `getMsgId()` returns on a received message. */
  uniqKey?: string;
}
