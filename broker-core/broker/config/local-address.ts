import { networkInterfaces } from 'node:os';

/**
 * The default brokerIP1/brokerIP2 (spec/config.md §2.1, Java `RemotingUtil.getLocalAddress`): the first
 * non-loopback IPv4 address that does not start with 127.0 or 192.168, else the last IPv4 seen, else an IPv6
 * address, else 127.0.0.1.
 */
export function localAddress(): string {
  const entries = Object.values(networkInterfaces()).flat().filter((entry) => entry !== undefined);
  const ipv4 = entries.filter((entry) => entry.family === 'IPv4' && !entry.internal).map((entry) => entry.address);
  const preferred = ipv4.find((address) => !address.startsWith('127.0') && !address.startsWith('192.168'));
  if (preferred) return preferred;
  if (ipv4.length > 0) return ipv4[ipv4.length - 1];
  const ipv6 = entries.find((entry) => entry.family === 'IPv6' && !entry.internal);
  return ipv6 ? ipv6.address.replace(/%.*$/, '') : '127.0.0.1';
}
