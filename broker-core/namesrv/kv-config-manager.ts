import { readFile } from 'node:fs/promises';
import { SerialWriter } from '../common/atomic-file';
import { parseFastjson, stringifyFastjson, type JsonValue } from '../common/fastjson';
import { createLogger } from '../common/logger';
import { sortedMap } from '../protocol/bodies/json-fields';

const log = createLogger('namesrv');

/**
 * Namespaced key/value settings kept by the nameserver (Java KVConfigManager; semantics.md §12.4), persisted to
 * `kvConfigPath` in Java's layout so either implementation reads the other's file:
 *
 *   {"configTable":{"ORDER_TOPIC_CONFIG":{"TopicA":"broker-a:4;broker-b:4"}}}
 *
 * Every change is written (temp file + rename) before the request is answered, so an acknowledged put survives a
 * crash. A file that exists but cannot be parsed stops the nameserver from starting rather than being overwritten.
 */
export class KvConfigManager {
  private readonly table = new Map<string, Map<string, string>>();
  private readonly writer: SerialWriter;

  constructor(readonly path: string) {
    this.writer = new SerialWriter(path, () => this.serialize());
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new Error(`cannot read KV config ${this.path}: ${(error as Error).message}`);
    }
    if (text.trim() === '') return;
    let parsed: JsonValue;
    try {
      parsed = parseFastjson(text);
    } catch (error) {
      throw new Error(`KV config ${this.path} is not valid JSON: ${(error as Error).message}`);
    }
    const configTable = isObject(parsed) ? parsed.configTable : undefined;
    if (configTable === undefined || configTable === null) return;
    if (!isObject(configTable)) throw new Error(`KV config ${this.path}: configTable is not an object`);
    for (const [namespace, entries] of Object.entries(configTable)) {
      if (!isObject(entries)) throw new Error(`KV config ${this.path}: namespace ${namespace} is not an object`);
      const values = new Map<string, string>();
      for (const [key, value] of Object.entries(entries)) if (value !== null) values.set(key, String(value));
      this.table.set(namespace, values);
    }
    log.info(`loaded KV config ${this.path}: ${this.table.size} namespace(s)`);
  }

  async put(namespace: string, key: string, value: string): Promise<void> {
    let values = this.table.get(namespace);
    if (!values) this.table.set(namespace, (values = new Map()));
    values.set(key, value);
    await this.writer.write();
  }

  async delete(namespace: string, key: string): Promise<void> {
    this.table.get(namespace)?.delete(key);
    await this.writer.write();
  }

  get(namespace: string, key: string): string | undefined {
    return this.table.get(namespace)?.get(key);
  }

  /** All entries of a namespace, or undefined if the namespace was never created (Java keeps emptied ones). */
  namespace(namespace: string): Record<string, string> | undefined {
    const values = this.table.get(namespace);
    return values ? Object.fromEntries(values) : undefined;
  }

  /** Waits for writes in progress (used at shutdown). */
  flush(): Promise<void> {
    return this.writer.idle();
  }

  private serialize(): string {
    const configTable = sortedMap([...this.table].map(([namespace, values]) => [namespace, sortedMap(values)]));
    return stringifyFastjson({ configTable });
  }
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
