/**
 * Typed key tables for Java-style `.properties` configuration (mqnamesrv, mqbroker). A schema lists every key a
 * server understands, with its type and default, the way Java's config classes do with their setters
 * (spec/config.md §1); the loader (config-loader.ts) applies files and `key=value` overrides on top of the defaults.
 *
 *   const schema = defineConfigSchema({
 *     listenPort: configKey.int(9876, { min: 0, max: 65535, description: 'TCP port' }),
 *     brokerRole: configKey.enum(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'], 'ASYNC_MASTER'),
 *   });
 *   type Config = ConfigValues<typeof schema>; // { listenPort: number; brokerRole: 'ASYNC_MASTER' | ... }
 */
export type ConfigKeyType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'enum';

interface KeySpecBase<T> {
  default: T;
  description?: string;
  /** Other spellings accepted for this key (e.g. upstream renames such as mapedFileSizeCommitLog). */
  aliases?: readonly string[];
}

export interface StringKeySpec extends KeySpecBase<string> {
  type: 'string';
}

export interface NumberKeySpec extends KeySpecBase<number> {
  /** int: Java int range; long: integers JS represents exactly (|n| <= 2^53-1); double: any finite number. */
  type: 'int' | 'long' | 'double';
  min?: number;
  max?: number;
}

export interface BooleanKeySpec extends KeySpecBase<boolean> {
  type: 'boolean';
}

export interface EnumKeySpec<V extends string = string> extends KeySpecBase<V> {
  type: 'enum';
  values: readonly V[];
}

export type ConfigKeySpec = StringKeySpec | NumberKeySpec | BooleanKeySpec | EnumKeySpec;

export type ConfigSchema = Record<string, ConfigKeySpec>;

/** The typed values a schema describes. */
export type ConfigValues<S extends ConfigSchema> = { -readonly [K in keyof S]: S[K]['default'] };

type NumberOptions = Pick<NumberKeySpec, 'min' | 'max' | 'description' | 'aliases'>;
type Options = Pick<KeySpecBase<unknown>, 'description' | 'aliases'>;

export const configKey = {
  string: (defaultValue: string, options: Options = {}): StringKeySpec => ({
    type: 'string',
    default: defaultValue,
    ...options,
  }),
  int: (defaultValue: number, options: NumberOptions = {}): NumberKeySpec => ({
    type: 'int',
    default: defaultValue,
    ...options,
  }),
  long: (defaultValue: number, options: NumberOptions = {}): NumberKeySpec => ({
    type: 'long',
    default: defaultValue,
    ...options,
  }),
  double: (defaultValue: number, options: NumberOptions = {}): NumberKeySpec => ({
    type: 'double',
    default: defaultValue,
    ...options,
  }),
  boolean: (defaultValue: boolean, options: Options = {}): BooleanKeySpec => ({
    type: 'boolean',
    default: defaultValue,
    ...options,
  }),
  enum: <const V extends string>(
    values: readonly V[],
    defaultValue: NoInfer<V>,
    options: Options = {},
  ): EnumKeySpec<V> => ({
    type: 'enum',
    values,
    default: defaultValue,
    ...options,
  }),
};

/** Identity, for inference: keeps each key's precise spec type (and so each enum's value union). */
export function defineConfigSchema<const S extends ConfigSchema>(schema: S): S {
  return schema;
}

export function configDefaults<S extends ConfigSchema>(schema: S): ConfigValues<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) values[key] = spec.default;
  return values as ConfigValues<S>;
}

/** Maps every accepted spelling (key and aliases) to the schema key. */
export function keyLookup(schema: ConfigSchema): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const [key, spec] of Object.entries(schema)) {
    lookup.set(key, key);
    for (const alias of spec.aliases ?? []) lookup.set(alias, key);
  }
  return lookup;
}
