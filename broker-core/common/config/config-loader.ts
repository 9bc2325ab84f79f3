import { readFileSync } from 'node:fs';
import { parseJavaProperties, stringifyJavaProperties } from '../java-properties';
import { configDefaults, keyLookup, type ConfigSchema, type ConfigValues } from './config-schema';
import { formatConfigValue, parseConfigValue, type ConfigValue } from './config-value';
import { closestKey } from './closest-key';

/**
 * Applies configuration the way mqnamesrv/mqbroker do (spec/config.md §1): schema defaults, then the `-c` properties
 * file, then `key=value` command-line overrides (later sources win). Where upstream is silent we are loud:
 *  - an unknown key is a warning (with a "did you mean" when a key is close), returned for the CLI to print;
 *  - a value with trailing whitespace is trimmed, with a warning (Java keeps the blank and then ignores the key);
 *  - a value that does not parse throws a ConfigError naming the key and the file, and nothing is applied.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key?: string,
    readonly source?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Named key/value pairs: a properties file, the command line, a remote update body. */
export interface ConfigSource {
  name: string;
  entries: Iterable<readonly [string, string]>;
}

export interface LoadConfigOptions {
  /** Path of a Java properties file (`-c`). */
  file?: string;
  /** `key=value` pairs from the command line, applied after the file. */
  overrides?: ReadonlyArray<readonly [string, string]>;
}

export interface LoadedConfig<S extends ConfigSchema> {
  values: ConfigValues<S>;
  warnings: string[];
  /** Where each non-default key came from (file path or "command line"). */
  origins: Partial<Record<keyof S, string>>;
}

export const COMMAND_LINE_SOURCE = 'command line';

export function loadConfig<S extends ConfigSchema>(schema: S, options: LoadConfigOptions = {}): LoadedConfig<S> {
  const loaded: LoadedConfig<S> = { values: configDefaults(schema), warnings: [], origins: {} };
  const sources: ConfigSource[] = [];
  if (options.file !== undefined) sources.push(readConfigFile(options.file));
  if (options.overrides) sources.push({ name: COMMAND_LINE_SOURCE, entries: options.overrides });
  for (const source of sources) {
    const applied = applyConfigSource(schema, loaded.values, source, loaded.warnings);
    for (const key of applied) loaded.origins[key] = source.name;
  }
  return loaded;
}

export function readConfigFile(path: string): ConfigSource {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`, undefined, path);
  }
  return { name: path, entries: parseJavaProperties(text) };
}

/**
 * Parses every entry of `source` and, only if all of them are valid, writes them into `values`. Returns the schema
 * keys it set; pushes warnings for unknown keys and trimmed values.
 */
export function applyConfigSource<S extends ConfigSchema>(
  schema: S,
  values: ConfigValues<S>,
  source: ConfigSource,
  warnings: string[],
): Array<keyof S> {
  const lookup = keyLookup(schema);
  const parsed = new Map<keyof S, ConfigValue>();
  for (const [name, rawValue] of source.entries) {
    const key = lookup.get(name);
    if (key === undefined) {
      const suggestion = closestKey(name, lookup.keys());
      warnings.push(
        `${source.name}: unknown key '${name}' ignored${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
      );
      continue;
    }
    const trimmed = rawValue.trimEnd();
    if (trimmed !== rawValue) {
      warnings.push(`${source.name}: trailing whitespace removed from the value of '${name}'`);
    }
    try {
      parsed.set(key, parseConfigValue(schema[key], trimmed));
    } catch (error) {
      throw new ConfigError(
        `${source.name}: invalid value for '${name}': ${(error as Error).message}`,
        name,
        source.name,
      );
    }
  }
  const target = values as Record<keyof S, ConfigValue>;
  for (const [key, value] of parsed) target[key] = value;
  return [...parsed.keys()];
}

/** `key=value` lines for every schema key, in schema order (what `-p` prints and GET_*_CONFIG returns). */
export function formatConfig<S extends ConfigSchema>(schema: S, values: ConfigValues<S>): string {
  const entries = Object.keys(schema).map((key): [string, string] => [
    key,
    formatConfigValue(schema[key], (values as Record<string, ConfigValue>)[key]),
  ]);
  return stringifyJavaProperties(entries);
}
