import { isIPv4, isIPv6 } from 'node:net';

/**
 * Born and store hosts as written in stored records and offset message ids (spec/message-format.md §1, §6):
 *
 *   IPv4:  +---------------+--------------+      IPv6:  +-----------------+--------------+
 *          | address (4 B) | port (int32) |             | address (16 B)  | port (int32) |
 *          +---------------+--------------+             +-----------------+--------------+
 *
 * Text form is `ip:port`. IPv6 is rendered `[a:b:c:d:e:f:g:h]:port` with Java's uncompressed groups
 * (`Inet6Address.getHostAddress`); `[::1]:port` and bare `::1:port` are accepted on input.
 */
export interface HostAndPort {
  host: string;
  port: number;
}

export function splitHostPort(address: string): HostAndPort {
  const trimmed = address.trim().replace(/^\//, '');
  if (trimmed.startsWith('[')) {
    const close = trimmed.indexOf(']');
    if (close < 0 || trimmed[close + 1] !== ':') throw new Error(`bad host address '${address}'`);
    return { host: trimmed.slice(1, close), port: parsePort(trimmed.slice(close + 2), address) };
  }
  const colon = trimmed.lastIndexOf(':');
  if (colon <= 0) throw new Error(`host address '${address}' has no port`);
  return { host: trimmed.slice(0, colon), port: parsePort(trimmed.slice(colon + 1), address) };
}

function parsePort(text: string, address: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`bad port in host address '${address}'`);
  return port;
}

export function isIPv6Address(address: string): boolean {
  const { host } = splitHostPort(address);
  return !isIPv4(host) && isIPv6(host.replace(/%.*$/, ''));
}

/** 8 bytes (IPv4) or 20 bytes (IPv6): address then int32 port. */
export function encodeHostAddress(address: string): Buffer {
  const { host, port } = splitHostPort(address);
  const ip = ipToBytes(host);
  const out = Buffer.allocUnsafe(ip.length + 4);
  ip.copy(out, 0);
  out.writeInt32BE(port, ip.length);
  return out;
}

export function decodeHostAddress(buffer: Buffer, offset: number, ipv6: boolean): string {
  const ipLength = ipv6 ? 16 : 4;
  const port = buffer.readInt32BE(offset + ipLength);
  if (!ipv6) {
    return `${buffer[offset]}.${buffer[offset + 1]}.${buffer[offset + 2]}.${buffer[offset + 3]}:${port}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(buffer.readUInt16BE(offset + i).toString(16));
  return `[${groups.join(':')}]:${port}`;
}

export function ipToBytes(host: string): Buffer {
  if (isIPv4(host)) return Buffer.from(host.split('.').map(Number));
  const bare = host.replace(/%.*$/, '');
  if (!isIPv6(bare)) throw new Error(`'${host}' is not an IP address`);
  return ipv6ToBytes(bare);
}

function ipv6ToBytes(text: string): Buffer {
  const out = Buffer.alloc(16);
  let tail = text;
  let ipv4Tail: number[] | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    ipv4Tail = text.slice(lastColon + 1).split('.').map(Number);
    tail = text.slice(0, lastColon + 1) + '0:0';
  }
  const [headText, tailText] = tail.includes('::') ? tail.split('::') : [tail, undefined];
  const head = headText ? headText.split(':') : [];
  const rest = tailText === undefined ? [] : tailText ? tailText.split(':') : [];
  const groups = tailText === undefined ? head : [...head, ...new Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
  groups.forEach((group, i) => out.writeUInt16BE(parseInt(group, 16), i * 2));
  if (ipv4Tail) Buffer.from(ipv4Tail).copy(out, 12);
  return out;
}
