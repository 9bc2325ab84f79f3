/**
 * Reading and writing the JSON that Apache RocketMQ's Java side (fastjson 1.x) produces.
 *
 * fastjson departs from standard JSON in ways every RocketMQ tool meets (spec/remoting.md §14):
 *  - integer map keys are written bare: `{"brokerAddrs":{0:"10.0.0.1:10911"}}`;
 *  - non-string map keys are written as the key object itself: `{{"brokerName":"b","queueId":0,"topic":"T"}:{...}}`;
 *  - repeated instances may be replaced by references: `{"$ref":"$.a.b[0]"}`, `{"$ref":".."}`, `{"$ref":"@"}`.
 *
 * `parseFastjson` accepts all of that (and standard JSON). A bare number key becomes its decimal string; an object
 * key becomes `objectKey(value)` — canonical JSON with sorted keys — which `parseObjectKey` turns back into the object.
 * `stringifyFastjson` writes standard JSON except for `ObjectKeyMap` values, which are written in the object-as-key
 * form that Java readers expect for MessageQueue-keyed tables, and `NumberKeyMap` values, written with bare number keys.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class FastjsonSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'FastjsonSyntaxError';
  }
}

/** A map whose keys are objects (e.g. MessageQueue), serialized the way fastjson writes them. */
export class ObjectKeyMap<K extends object, V> {
  constructor(readonly entries: Array<[K, V]> = []) {}
  set(key: K, value: V): this {
    this.entries.push([key, value]);
    return this;
  }
}

/**
 * A map with integer keys (Java Long/Integer keys such as broker ids or queue ids), written the way fastjson writes
 * it: bare number keys, `{0:"10.0.0.1:10911",1:"10.0.0.2:10911"}`. Java readers accept that form; standard JSON
 * parsers do not, so write a plain object instead where a browser-compatible form is required.
 */
export class NumberKeyMap<V> extends Map<number, V> {}

/** Canonical string form of a non-string map key: JSON with object keys sorted. */
export function objectKey(value: JsonValue): string {
  return JSON.stringify(sortKeys(value));
}

export function parseObjectKey<T = JsonValue>(key: string): T {
  return JSON.parse(key) as T;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: { [key: string]: JsonValue } = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
    return sorted;
  }
  return value;
}

export function parseFastjson<T = JsonValue>(text: string | Buffer): T {
  const source = typeof text === 'string' ? text : text.toString('utf8');
  const parser = new Parser(source);
  const value = parser.parseDocument();
  return resolveReferences(value) as T;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWhitespace();
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) throw new FastjsonSyntaxError('unexpected trailing characters', this.pos);
    return value;
  }

  private parseValue(): JsonValue {
    this.skipWhitespace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject();
    if (ch === '[') return this.parseArray();
    if (ch === '"' || ch === "'") return this.parseString();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.parseNumber();
    if (this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (this.text.startsWith('null', this.pos)) return this.literal('null', null);
    throw new FastjsonSyntaxError(ch === undefined ? 'unexpected end of input' : `unexpected character '${ch}'`, this.pos);
  }

  private literal<V extends JsonValue>(word: string, value: V): V {
    this.pos += word.length;
    return value;
  }

  private parseObject(): { [key: string]: JsonValue } {
    const result: { [key: string]: JsonValue } = {};
    this.pos++; // {
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.parseKey();
      this.skipWhitespace();
      this.expect(':');
      result[key] = this.parseValue();
      this.skipWhitespace();
      const ch = this.text[this.pos++];
      if (ch === '}') return result;
      if (ch !== ',') throw new FastjsonSyntaxError("expected ',' or '}'", this.pos - 1);
    }
  }

  private parseKey(): string {
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") return this.parseString();
    if (ch === '{' || ch === '[') return objectKey(this.parseValue());
    if (ch === '-' || (ch >= '0' && ch <= '9')) return String(this.parseNumber());
    // fastjson also reads unquoted identifier keys.
    const match = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!match) throw new FastjsonSyntaxError('expected an object key', this.pos);
    this.pos += match[0].length;
    return match[0];
  }

  private parseArray(): JsonValue[] {
    const result: JsonValue[] = [];
    this.pos++; // [
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue());
      this.skipWhitespace();
      const ch = this.text[this.pos++];
      if (ch === ']') return result;
      if (ch !== ',') throw new FastjsonSyntaxError("expected ',' or ']'", this.pos - 1);
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos++];
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw new FastjsonSyntaxError('unterminated string', start);
      const ch = this.text[this.pos];
      if (ch === quote) {
        out += this.text.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (ch === '\\') {
        out += this.text.slice(start, this.pos);
        out += this.parseEscape();
        start = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private parseEscape(): string {
    const next = this.text[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new FastjsonSyntaxError('bad unicode escape', this.pos);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case 'x': {
        const hex = this.text.slice(this.pos, this.pos + 2);
        this.pos += 2;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined:
        throw new FastjsonSyntaxError('unterminated escape', this.pos);
      default:
        return next;
    }
  }

  private parseNumber(): number {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[LlFfDd]?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) throw new FastjsonSyntaxError('bad number', this.pos);
    this.pos += match[0].length;
    return Number(match[0].replace(/[LlFfDd]$/, ''));
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new FastjsonSyntaxError(`expected '${ch}'`, this.pos);
    this.pos++;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) this.pos++;
      else break;
    }
  }
}

/** Replaces fastjson `{"$ref": ...}` objects by the value they point at (`$` root paths, `..` parent, `@` self). */
function resolveReferences(root: JsonValue): JsonValue {
  const walk = (value: JsonValue, ancestors: JsonValue[]): JsonValue => {
    if (value === null || typeof value !== 'object') return value;
    if (!Array.isArray(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1) {
      return lookupReference(root, value.$ref, ancestors) ?? null;
    }
    const nextAncestors = [...ancestors, value];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i], nextAncestors);
    } else {
      for (const key of Object.keys(value)) value[key] = walk(value[key], nextAncestors);
    }
    return value;
  };
  return walk(root, []);
}

function lookupReference(root: JsonValue, ref: string, ancestors: JsonValue[]): JsonValue | undefined {
  if (ref === '@') return ancestors[ancestors.length - 1];
  if (ref === '..') return ancestors[ancestors.length - 2];
  if (!ref.startsWith('$')) return undefined;
  let current: JsonValue | undefined = root;
  const tokens = ref.slice(1).match(/\.[^.[]+|\[\d+\]/g) ?? [];
  for (const token of tokens) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = token.startsWith('[') ? Number(token.slice(1, -1)) : token.slice(1);
    current = Array.isArray(current) ? current[Number(key)] : (current as { [k: string]: JsonValue })[String(key)];
  }
  return current;
}

/** Standard JSON, except that `ObjectKeyMap` values are written with object keys as fastjson does. */
export function stringifyFastjson(value: unknown): string {
  if (value instanceof ObjectKeyMap) {
    const parts = value.entries.map(([key, entry]) => `${stringifyFastjson(key)}:${stringifyFastjson(entry)}`);
    return `{${parts.join(',')}}`;
  }
  if (value instanceof NumberKeyMap) {
    const parts: string[] = [];
    for (const [key, entry] of value) {
      if (entry === undefined) continue;
      parts.push(`${Math.trunc(Number(key))}:${stringifyFastjson(entry)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [key, entry] of value) {
      if (entry === undefined) continue;
      parts.push(`${JSON.stringify(String(key))}:${stringifyFastjson(entry)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (value instanceof Set) return stringifyFastjson([...value]);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stringifyFastjson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const parts: string[] = [];
    for (const [key, entry] of Object.entries(value)) {
      if (entry === undefined || typeof entry === 'function') continue;
      parts.push(`${JSON.stringify(key)}:${stringifyFastjson(entry)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
