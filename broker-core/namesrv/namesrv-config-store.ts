import { SerialWriter } from '../common/atomic-file';
import { applyConfigSource, ConfigError, formatConfig } from '../common/config/config-loader';
import { keyLookup } from '../common/config/config-schema';
import { parseJavaProperties } from '../common/java-properties';
import { createLogger } from '../common/logger';
import { ResponseCode } from '../protocol/response-code';
import { ResponseCodeError } from '../remoting/remoting-error';
import { blackListedKeys, namesrvConfigSchema, type NamesrvConfig } from './namesrv-config';

const log = createLogger('namesrv');

/**
 * The nameserver's live configuration behind GET_NAMESRV_CONFIG / UPDATE_NAMESRV_CONFIG (Java `Configuration`):
 * reads give every key as properties text; an update refuses black-listed keys (NO_PERMISSION, "Can not update config
 * in black list."), refuses unparsable values (upstream ignores them silently), merges only known keys, and rewrites
 * the whole configuration to `configStorePath` as upstream does. Keys read per request (orderMessageEnable,
 * enableAllTopicList, brokerChannelExpiredTime, ...) take effect at once; listenPort and paths at the next start.
 */
export class NamesrvConfigStore {
  private readonly values: NamesrvConfig;
  private readonly writer: SerialWriter;
  private readonly listeners: Array<(changed: Array<keyof NamesrvConfig>) => void> = [];

  constructor(initial: NamesrvConfig) {
    this.values = { ...initial };
    this.writer = new SerialWriter(this.values.configStorePath, () => this.toProperties());
  }

  get config(): Readonly<NamesrvConfig> {
    return this.values;
  }

  toProperties(): string {
    return formatConfig(namesrvConfigSchema, this.values);
  }

  onChange(listener: (changed: Array<keyof NamesrvConfig>) => void): void {
    this.listeners.push(listener);
  }

  /** Applies an UPDATE_NAMESRV_CONFIG body; returns a note on ignored keys (for the response remark), if any. */
  async update(propertiesText: string): Promise<string | undefined> {
    const entries = parseJavaProperties(propertiesText);
    const refused = [...entries.keys()].filter((key) => blackListedKeys(this.values).has(key));
    if (refused.length > 0) {
      log.warn(`UPDATE_NAMESRV_CONFIG refused black-listed key(s): ${refused.join(', ')}`);
      throw new ResponseCodeError(ResponseCode.NO_PERMISSION, 'Can not update config in black list.');
    }
    const known = keyLookup(namesrvConfigSchema);
    const unknown = [...entries.keys()].filter((key) => !known.has(key));
    const warnings: string[] = [];
    let changed: Array<keyof NamesrvConfig>;
    try {
      const knownEntries = [...entries].filter(([key]) => known.has(key));
      changed = applyConfigSource(
        namesrvConfigSchema,
        this.values,
        { name: 'UPDATE_NAMESRV_CONFIG', entries: knownEntries },
        warnings,
      );
    } catch (error) {
      if (error instanceof ConfigError) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, error.message);
      throw error;
    }
    for (const warning of warnings) log.warn(warning);
    log.info(
      `namesrv config updated: ${changed.map((key) => `${String(key)}=${String(this.values[key])}`).join(', ')}`,
    );
    for (const listener of this.listeners) listener(changed);
    try {
      await this.writer.write();
    } catch (error) {
      throw new ResponseCodeError(
        ResponseCode.SYSTEM_ERROR,
        `config updated in memory but not saved to ${this.values.configStorePath}: ${(error as Error).message}`,
      );
    }
    return unknown.length > 0 ? `unknown keys ignored: ${unknown.join(', ')}` : undefined;
  }

  flush(): Promise<void> {
    return this.writer.idle();
  }
}
