/**
 * The address patterns of plain_acl.yml (spec/acl.md §7, Java `RemoteAddressStrategyFactory`), compiled once into a
 * matcher of textual remote IPs:
 *
 *   blank              nothing            `*`, `*.*.*.*`, `*:*:*:*:*:*:*:*`   everything
 *   1.2.3.4            that address       1.2.3.4,5.6.7.8                     any of them
 *   1.2.3.{1,2,5}      last segment from the set
 *   1.2.3.*  1.2.*.*   wildcards from a position on      1.2.3.10-20  1.2.10-20.*   a range at the wildcard position
 *
 * IPv6 follows the same forms with `:` groups (hex). An invalid pattern throws: the configuration then fails to load.
 */
export type AddressMatcher = (ip: string) => boolean;

export class AddressPatternError extends Error {
  constructor(pattern: string, why: string) {
    super(`Netaddress examine exception, netaddress '${pattern}' ${why}`);
    this.name = 'AddressPatternError';
  }
}

const NOTHING: AddressMatcher = () => false;
const EVERYTHING: AddressMatcher = () => true;

/** "::ffff:1.2.3.4" (an IPv4 client on a dual-stack socket) counts as 1.2.3.4. */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

export function compileAddressPattern(pattern: string | undefined | null): AddressMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return NOTHING;
  if (text === '*' || text === '*.*.*.*' || text === '*:*:*:*:*:*:*:*') return EVERYTHING;
  if (text.includes('{')) return compileBraces(text);
  if (text.includes(',')) {
    const addresses = text.split(',').map((item) => item.trim());
    for (const address of addresses) if (!isIpv4(address) && !isIpv6(address)) throw new AddressPatternError(text, `lists '${address}', not an address`);
    const set = new Set(addresses.map(canonical));
    return (ip) => set.has(canonical(normalizeIp(ip)));
  }
  if (text.includes('*') || text.includes('-')) return compileRange(text);
  if (!isIpv4(text) && !isIpv6(text)) throw new AddressPatternError(text, 'is not an address or pattern');
  const exact = canonical(text);
  return (ip) => canonical(normalizeIp(ip)) === exact;
}

interface Shape {
  separator: '.' | ':';
  radix: number;
  max: number;
  groups: number;
}

const V4: Shape = { separator: '.', radix: 10, max: 255, groups: 4 };
const V6: Shape = { separator: ':', radix: 16, max: 0xffff, groups: 8 };

function shapeOf(text: string): Shape {
  return text.includes(':') ? V6 : V4;
}

/** `prefix.{a,b,c}`: the last segment from a set. */
function compileBraces(text: string): AddressMatcher {
  const match = /^(.*)[.:]\{([^{}]+)\}$/.exec(text);
  if (!match) throw new AddressPatternError(text, 'has braces that are not the last segment');
  const shape = shapeOf(text);
  const prefix = match[1];
  const values = match[2].split(',').map((value) => value.trim());
  const addresses = values.map((value) => `${prefix}${shape.separator}${value}`);
  for (const address of addresses) if (!(shape === V4 ? isIpv4(address) : isIpv6(address))) throw new AddressPatternError(text, `expands to '${address}'`);
  const set = new Set(addresses.map(canonical));
  return (ip) => set.has(canonical(normalizeIp(ip)));
}

/** Exact leading segments, then one `*` or `a-b` segment, then only `*`. */
function compileRange(text: string): AddressMatcher {
  const shape = shapeOf(text);
  const parts = text.split(shape.separator);
  if (shape === V4 && parts.length !== shape.groups) throw new AddressPatternError(text, `does not have ${shape.groups} segments`);
  const tests: Array<(segment: string) => boolean> = [];
  let open = false;
  for (const part of parts) {
    if (part === '*') {
      open = true;
      tests.push(() => true);
      continue;
    }
    if (open) throw new AddressPatternError(text, 'has a fixed segment after a wildcard');
    const range = /^([0-9a-fA-F]+)-([0-9a-fA-F]+)$/.exec(part);
    if (range) {
      const [low, high] = [parseSegment(range[1], shape), parseSegment(range[2], shape)];
      if (low === undefined || high === undefined || low > high) throw new AddressPatternError(text, `has a bad range '${part}'`);
      open = true;
      tests.push((segment) => {
        const value = parseSegment(segment, shape);
        return value !== undefined && value >= low && value <= high;
      });
      continue;
    }
    const value = parseSegment(part, shape);
    if (value === undefined) throw new AddressPatternError(text, `has a bad segment '${part}'`);
    tests.push((segment) => parseSegment(segment, shape) === value);
  }
  return (ip) => {
    const segments = canonical(normalizeIp(ip)).split(shape.separator);
    return segments.length === tests.length && tests.every((test, index) => test(segments[index]));
  };
}

function parseSegment(text: string, shape: Shape): number | undefined {
  const pattern = shape === V4 ? /^\d{1,3}$/ : /^[0-9a-fA-F]{1,4}$/;
  if (!pattern.test(text)) return undefined;
  const value = parseInt(text, shape.radix);
  return value <= shape.max ? value : undefined;
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => parseSegment(part, V4) !== undefined);
}

function isIpv6(text: string): boolean {
  return text.includes(':') && expandIpv6(text) !== undefined;
}

/** IPv6 in full form (8 lower-case groups without leading zeros) so textual variants compare equal; IPv4 as is. */
function canonical(ip: string): string {
  if (!ip.includes(':')) return ip;
  return expandIpv6(ip)?.join(':') ?? ip.toLowerCase();
}

function expandIpv6(text: string): string[] | undefined {
  const halves = text.toLowerCase().split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => parseSegment(group, V6) !== undefined)) return undefined;
  return groups.map((group) => parseInt(group, 16).toString(16));
}
