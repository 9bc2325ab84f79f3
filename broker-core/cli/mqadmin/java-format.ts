/**
 * The subset of java.util.Formatter that mqadmin's printf lines use, so each command can keep upstream's format
 * string verbatim and print the same columns: `%[flags][width][.precision]conversion` with flags `-` (left-justify)
 * and `0` (zero-pad), conversions s, d, f, n and %%. `%s` of null/undefined prints "null", as Java does.
 */
const SPEC = /%([-0]*)(\d+)?(?:\.(\d+))?([sdfn%])/g;

export function javaFormat(format: string, ...args: unknown[]): string {
  let next = 0;
  return format.replace(SPEC, (_match, flags: string, width: string | undefined, precision: string | undefined, conversion: string) => {
    if (conversion === 'n') return '\n';
    if (conversion === '%') return '%';
    const arg = args[next++];
    let text: string;
    switch (conversion) {
      case 'd':
        text = arg === null || arg === undefined ? 'null' : String(Math.trunc(Number(arg)));
        break;
      case 'f':
        text = arg === null || arg === undefined ? 'null' : Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
        break;
      default:
        text = arg === null || arg === undefined ? 'null' : String(arg);
        if (precision !== undefined) text = text.slice(0, Number(precision));
    }
    const size = width === undefined ? 0 : Number(width);
    if (text.length >= size) return text;
    if (flags.includes('-')) return text.padEnd(size, ' ');
    if (flags.includes('0') && conversion !== 's') {
      const negative = text.startsWith('-');
      const digits = negative ? text.slice(1) : text;
      return (negative ? '-' : '') + digits.padStart(size - (negative ? 1 : 0), '0');
    }
    return text.padStart(size, ' ');
  });
}

/** UtilAll.frontStringAtLeast: cut to `size` characters (despite the name). */
export function frontStringAtLeast(text: string | undefined, size: number): string | undefined {
  return text !== undefined && text.length > size ? text.slice(0, size) : text;
}

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** UtilAll.timeMillisToHumanString2: `yyyy-MM-dd HH:mm:ss,SSS`, local time. */
export function humanTime2(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())},${three(d.getMilliseconds())}`;
}

/** UtilAll.formatDate(..., "yyyy-MM-dd HH:mm:ss"). */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** UtilAll.formatDate(..., "yyyy-MM-dd#HH:mm:ss:SSS"). */
export function formatDateTimeMillis(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}#${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}:${three(d.getMilliseconds())}`;
}

/** Reads `now`, epoch milliseconds or `yyyy-MM-dd#HH:mm:ss:SSS` (local); `now` gives -1 as mqadmin does. */
export function parseMqadminTimestamp(text: string): number {
  if (text === 'now') return -1;
  if (/^-?\d+$/.test(text)) return Number(text);
  const match = /^(\d{4})-(\d{2})-(\d{2})#(\d{2}):(\d{2}):(\d{2}):(\d{3})$/.exec(text);
  if (!match) throw new Error(`'${text}' is not now, epoch milliseconds or yyyy-MM-dd#HH:mm:ss:SSS`);
  const [, y, mo, d, h, mi, s, ms] = match.map(Number);
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

/** Java's Map.toString of a string map: `{a=1, b=2}`. */
export function javaMapString(map: Iterable<[string, string]>): string {
  return `{${[...map].map(([key, value]) => `${key}=${value}`).join(', ')}}`;
}
