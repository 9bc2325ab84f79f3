import { networkInterfaces } from 'node:os';
import { randomBytes, randomInt } from 'node:crypto';
import { decodeHostAddress, encodeHostAddress } from './host-address';
import { readInt64 } from './int64';

/**
 * The two message ids of RocketMQ, both upper-case hex.
 *
 * Offset message id (spec/message-format.md §6, broker-assigned, `msgId` of a send result):
 *   +----------------------------+--------------+-----------------------------+
 *   | store IP (4 B, or 16 IPv6) | port (int32) | commit-log offset (int64)   |   32 or 56 hex chars
 *   +----------------------------+--------------+-----------------------------+
 *
 * Client unique id, property UNIQ_KEY (§7, Java `MessageClientIDSetter`):
 *   +---------------------------+-----------+----------------+---------------------------+---------+
 *   | client IP (4 B, 16 IPv6)  | pid low16 | per-process int| ms since month start (i32)| counter |
 *   +---------------------------+-----------+----------------+---------------------------+---------+
 *   the first 10 (or 22) bytes are fixed per process; the month starts at local midnight of day 1.
 */

const hostHexCache = new Map<string, string>();

export function createOffsetMessageId(storeHost: string, commitLogOffset: number): string {
  let prefix = hostHexCache.get(storeHost);
  if (prefix === undefined) {
    prefix = encodeHostAddress(storeHost).toString('hex').toUpperCase();
    if (hostHexCache.size >= 256) hostHexCache.clear();
    hostHexCache.set(storeHost, prefix);
  }
  return prefix + commitLogOffset.toString(16).toUpperCase().padStart(16, '0');
}

export interface OffsetMessageId {
  /** `ip:port` of the broker that stored the message. */
  storeHost: string;
  commitLogOffset: number;
}

export function isOffsetMessageId(id: string): boolean {
  return (id.length === 32 || id.length === 56) && /^[0-9A-Fa-f]+$/.test(id);
}

export function decodeOffsetMessageId(id: string): OffsetMessageId {
  if (!isOffsetMessageId(id)) throw new Error(`'${id}' is not an offset message id`);
  const bytes = Buffer.from(id, 'hex');
  const ipv6 = id.length === 56;
  const hostLength = ipv6 ? 20 : 8;
  return { storeHost: decodeHostAddress(bytes, 0, ipv6), commitLogOffset: readInt64(bytes, hostLength) };
}

function monthStart(epochMillis: number, monthDelta = 0): number {
  const date = new Date(epochMillis);
  return new Date(date.getFullYear(), date.getMonth() + monthDelta, 1, 0, 0, 0, 0).getTime();
}

function localIpBytes(): Buffer {
  const candidates = Object.values(networkInterfaces()).flat().filter((entry) => entry && !entry.internal);
  const ipv4 = candidates.find((entry) => entry?.family === 'IPv4');
  if (ipv4) return Buffer.from(ipv4.address.split('.').map(Number));
  const ipv6 = candidates.find((entry) => entry?.family === 'IPv6');
  if (ipv6) return encodeHostAddress(`[${ipv6.address}]:0`).subarray(0, 16);
  return randomBytes(4); // Java's createFakeIP: 4 pseudo-random bytes when the address is unknown
}

/** Generates UNIQ_KEY ids the way Java producers do. One instance per process is enough. */
export class UniqueIdGenerator {
  private readonly fixedHex: string;
  private counter = 0;
  private startTime = 0;
  private nextStartTime = 0;

  constructor(ip: Buffer = localIpBytes(), pid = process.pid, processHash = randomInt(0, 2 ** 31)) {
    const fixed = Buffer.alloc(ip.length + 6);
    ip.copy(fixed, 0);
    fixed.writeUInt16BE(pid & 0xffff, ip.length);
    fixed.writeInt32BE(processHash | 0, ip.length + 2);
    this.fixedHex = fixed.toString('hex').toUpperCase();
  }

  next(now = Date.now()): string {
    if (now >= this.nextStartTime || now < this.startTime) {
      this.startTime = monthStart(now);
      this.nextStartTime = monthStart(now, 1);
    }
    const tail = Buffer.allocUnsafe(6);
    tail.writeInt32BE((now - this.startTime) | 0, 0);
    tail.writeUInt16BE(this.counter, 4);
    this.counter = (this.counter + 1) & 0xffff;
    return this.fixedHex + tail.toString('hex').toUpperCase();
  }
}

let defaultGenerator: UniqueIdGenerator | undefined;

export function createUniqueId(now = Date.now()): string {
  defaultGenerator ??= new UniqueIdGenerator();
  return defaultGenerator.next(now);
}

function uniqueIdIpLength(id: string): number {
  if (id.length === 32) return 4;
  if (id.length === 56) return 16;
  throw new Error(`'${id}' is not a client unique id`);
}

/**
 * The store-ish time encoded in a unique id (Java `getNearlyTimeFromID`): milliseconds since the start of this month,
 * or of last month when that would lie in the future. Used as the lower bound of a uniq-key query (minus 1 s).
 */
export function uniqueIdTimestamp(id: string, now = Date.now()): number {
  const ipLength = uniqueIdIpLength(id);
  const span = Buffer.from(id, 'hex').readUInt32BE(ipLength + 6);
  let start = monthStart(now);
  if (start + span >= now) start = monthStart(now, -1);
  return start + span;
}

/** The client address part of a unique id, as text. */
export function uniqueIdIp(id: string): string {
  const ipLength = uniqueIdIpLength(id);
  const bytes = Buffer.from(id.slice(0, ipLength * 2), 'hex');
  const withPort = Buffer.concat([bytes, Buffer.alloc(4)]);
  return decodeHostAddress(withPort, 0, ipLength === 16).replace(/:0$/, '').replace(/^\[(.*)\]$/, '$1');
}
