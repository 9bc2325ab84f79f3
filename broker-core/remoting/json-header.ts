import { normalizeLanguage } from '../protocol/language-code';
import { RemotingDecodeError } from './remoting-error';
import type { RemotingCommand } from './remoting-command';

/**
 * JSON header (serialize type 0), the fastjson form of RemotingCommand (spec/remoting.md §3):
 *
 *   {"code":310,"extFields":{"a":"PG",...},"flag":0,"language":"JAVA","opaque":7,"remark":"...",
 *    "serializeTypeCurrentRPC":"JSON","version":409}
 *
 * Keys in fastjson's alphabetical order, null members omitted. On decode, extFields scalars (ali-ons sends numbers and
 * booleans) are coerced to strings, `language` may be a name or an ordinal, unknown keys are ignored.
 */
export type HeaderFields = Omit<RemotingCommand, 'body' | 'serializeType'>;

/** The JSON text of a header; the frame encoder writes it straight into the frame (one copy fewer). */
export function jsonHeaderText(command: HeaderFields): string {
  const header: Record<string, unknown> = { code: command.code };
  if (command.extFields) header.extFields = command.extFields;
  header.flag = command.flag;
  header.language = command.language;
  header.opaque = command.opaque;
  if (command.remark !== undefined && command.remark !== null) header.remark = command.remark;
  header.serializeTypeCurrentRPC = 'JSON';
  header.version = command.version;
  return JSON.stringify(header);
}

export function decodeJsonHeader(bytes: Buffer): HeaderFields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new RemotingDecodeError(`invalid JSON header: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RemotingDecodeError('JSON header is not an object');
  }
  const header = parsed as Record<string, unknown>;
  return {
    code: requireInt(header.code, 'code'),
    language: normalizeLanguage(header.language),
    version: optionalInt(header.version, 'version'),
    opaque: optionalInt(header.opaque, 'opaque'),
    flag: optionalInt(header.flag, 'flag'),
    remark: typeof header.remark === 'string' ? header.remark : undefined,
    extFields: coerceExtFields(header.extFields),
  };
}

function requireInt(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new RemotingDecodeError(`JSON header field '${name}' must be an integer`);
  }
  return value;
}

function optionalInt(value: unknown, name: string): number {
  return value === undefined || value === null ? 0 : requireInt(value, name) | 0;
}

/** Coerces in place: the object was just parsed and belongs to nobody else (a copy per request cost ~0.4 µs). */
function coerceExtFields(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new RemotingDecodeError('extFields must be an object');
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const entry = fields[key];
    if (typeof entry === 'string') continue;
    if (entry === null || entry === undefined) delete fields[key];
    else fields[key] = typeof entry === 'object' ? JSON.stringify(entry) : String(entry);
  }
  return fields as Record<string, string>;
}
