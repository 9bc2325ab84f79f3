import * as fs from 'node:fs';
import { dirname } from 'node:path';
import { createLogger } from '../common/logger';
import { parseFastjson, stringifyFastjson, type JsonValue } from '../common/fastjson';

const log = createLogger('store');

/**
 * JSON metadata files under `<storePathRootDir>/config/` (topics.json, subscriptionGroup.json, consumerOffset.json,
 * delayOffset.json …), persisted the way upstream's ConfigManager does (spec/store.md §10):
 *
 *   persist: write <file>.tmp → copy the current <file> to <file>.bak → delete <file> → rename <file>.tmp to <file>
 *   load:    read <file>; if it is missing, empty or does not decode, read <file>.bak; no .bak = empty state;
 *            a .bak that does not decode fails the load (the broker must not start on half-read metadata)
 *
 * Text is read with `parseFastjson`, so files written by Java brokers (bare integer keys such as `{0:12}`, object keys,
 * `$ref`) load; we write standard JSON except for `ObjectKeyMap` values (see common/fastjson.ts), which fastjson reads.
 * Writes are synchronous: files are small and this keeps concurrent persists of one file from interleaving.
 */
export class ConfigFileError extends Error {
  constructor(path: string, cause: unknown) {
    super(`cannot load ${path}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'ConfigFileError';
  }
}

export function writeConfigFile(path: string, text: string): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  fs.writeFileSync(temporary, text, 'utf8');
  if (fs.existsSync(path)) {
    fs.copyFileSync(path, `${path}.bak`);
    fs.rmSync(path);
  }
  fs.renameSync(temporary, path);
}

function readNonEmpty(path: string): string | undefined {
  try {
    const text = fs.readFileSync(path, 'utf8');
    return text.trim() === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface ConfigCodec<T> {
  /** Builds the value from parsed JSON; throw to reject the file. */
  decode(json: JsonValue): T;
  /** JSON text to write (default: `stringifyFastjson`). */
  encode?(value: T): string;
  /** State when neither the file nor its .bak exists. */
  empty(): T;
}

/** One config file with its codec: `load()` at start, `persist(value)` after changes. */
export class ConfigFile<T> {
  constructor(
    readonly path: string,
    private readonly codec: ConfigCodec<T>,
  ) {}

  load(): T {
    const main = readNonEmpty(this.path);
    if (main !== undefined) {
      try {
        return this.codec.decode(parseFastjson(main));
      } catch (error) {
        log.warn(`${this.path} does not decode, trying ${this.path}.bak`, error);
      }
    }
    const backup = readNonEmpty(`${this.path}.bak`);
    if (backup === undefined) return this.codec.empty();
    try {
      return this.codec.decode(parseFastjson(backup));
    } catch (error) {
      throw new ConfigFileError(`${this.path}.bak`, error);
    }
  }

  persist(value: T): void {
    writeConfigFile(this.path, this.codec.encode ? this.codec.encode(value) : stringifyFastjson(value));
  }
}

/** Reads a `{<int>: <int>}` table such as delayOffset.json's offsetTable or one queue map of consumerOffset.json. */
export function decodeNumberTable(json: JsonValue | undefined): Map<number, number> {
  const table = new Map<number, number>();
  if (json === null || json === undefined || typeof json !== 'object' || Array.isArray(json)) return table;
  for (const [key, value] of Object.entries(json)) {
    if (typeof value !== 'number' || !/^-?\d+$/.test(key)) throw new Error(`bad table entry ${key}: ${JSON.stringify(value)}`);
    table.set(Number(key), value);
  }
  return table;
}
