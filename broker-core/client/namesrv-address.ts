/**
 * Nameserver address lists as RocketMQ writes them (spec/config.md §1): `host:port` entries separated by `;`, e.g.
 * `NAMESRV_ADDR=10.0.0.1:9876;10.0.0.2:9876`. Blank entries (a trailing `;`) are skipped; anything else that is not
 * host:port with a port in 1..65535 is refused with a message naming the entry, as upstream aborts on invalid ones.
 */
export class NamesrvAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NamesrvAddressError';
  }
}

export function parseNamesrvAddr(text: string): string[] {
  const entries = text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0)
    throw new NamesrvAddressError(`no nameserver address in '${text}' (expected host:port[;host:port...])`);
  for (const entry of entries) {
    const problem = addressProblem(entry);
    if (problem)
      throw new NamesrvAddressError(
        `invalid nameserver address '${entry}' in '${text}': ${problem} (expected host:port[;host:port...])`,
      );
  }
  return entries;
}

function addressProblem(entry: string): string | undefined {
  if (entry.includes(',')) return "addresses are separated by ';', not ','";
  const colon = entry.lastIndexOf(':');
  if (colon < 0) return 'missing :port';
  const host = entry.slice(0, colon);
  const port = entry.slice(colon + 1);
  if (host === '' || host === '[]') return 'missing host';
  if (/\s/.test(host)) return 'host contains whitespace';
  // A bare IPv6 address needs brackets, otherwise its last group would be read as the port.
  if (host.includes(':') && !/^\[[0-9A-Fa-f:.]+\]$/.test(host))
    return 'IPv6 hosts must be written in brackets, e.g. [::1]:9876';
  if (!/^\d+$/.test(port)) return `port '${port}' is not a number`;
  const value = Number(port);
  if (value < 1 || value > 65535) return `port ${value} is outside 1..65535`;
  return undefined;
}
