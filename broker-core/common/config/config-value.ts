import type { ConfigKeySpec } from './config-schema';

/**
 * Parses one configuration value by its key's type. Upstream's `MixAll.properties2Object` silently ignores a value it
 * cannot parse and keeps the default; we refuse it, so `listenPort=abc` never starts a server on the wrong port.
 * The grammar follows Java's parsers: `Integer.parseInt` (optional sign, decimal digits), `Long.parseLong`,
 * `Double.parseDouble`; booleans are `true`/`false` in any case (Java treats every other word as false — we refuse it).
 */
export type ConfigValue = string | number | boolean;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const DECIMAL_INTEGER = /^[+-]?\d+$/;
const JAVA_DOUBLE = /^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?)$/;

/** Returns the typed value, or throws an Error whose message says what is wrong with `raw` (no key, no source). */
export function parseConfigValue(spec: ConfigKeySpec, raw: string): ConfigValue {
  switch (spec.type) {
    case 'string':
      return raw;
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new Error(`'${raw}' is not a boolean (true or false)`);
      return lower === 'true';
    }
    case 'enum': {
      if (!spec.values.includes(raw)) throw new Error(`'${raw}' is not one of ${spec.values.join(', ')}`);
      return raw;
    }
    case 'int':
    case 'long': {
      if (!DECIMAL_INTEGER.test(raw)) throw new Error(`'${raw}' is not an integer`);
      const value = Number(raw);
      const [min, max] = spec.type === 'int' ? [INT_MIN, INT_MAX] : [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
      if (value < min || value > max) throw new Error(`'${raw}' is out of the ${spec.type} range`);
      return checkRange(spec, value, raw);
    }
    case 'double': {
      if (!JAVA_DOUBLE.test(raw)) throw new Error(`'${raw}' is not a number`);
      const value = Number(raw.replace(/[fFdD]$/, ''));
      if (!Number.isFinite(value)) throw new Error(`'${raw}' is not a finite number`);
      return checkRange(spec, value, raw);
    }
  }
}

function checkRange(spec: { min?: number; max?: number }, value: number, raw: string): number {
  if (spec.min !== undefined && value < spec.min) throw new Error(`'${raw}' is below the minimum ${spec.min}`);
  if (spec.max !== undefined && value > spec.max) throw new Error(`'${raw}' is above the maximum ${spec.max}`);
  return value;
}

/** The text form written back to properties files and GET_*_CONFIG bodies (Java's String.valueOf). */
export function formatConfigValue(spec: ConfigKeySpec, value: ConfigValue): string {
  // Java prints a double with a fraction even when it is whole: 0.0, 2.0.
  if (spec.type === 'double' && typeof value === 'number' && Number.isInteger(value)) return `${value}.0`;
  return String(value);
}
