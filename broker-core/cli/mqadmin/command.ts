import type { MQAdmin } from '../../client/admin/mq-admin';

/**
 * A mqadmin sub-command as upstream declares it (commons-cli `Option(short, long, hasArg, description)`), plus the
 * global `-n namesrvAddr` and `-h`. Commands print through `out` and throw on failure; mqadmin.ts turns a throw into
 * a message on stderr and exit code 1.
 */
export interface OptionSpec {
  short: string;
  long: string;
  hasArg: boolean;
  required?: boolean;
  description: string;
}

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  options: ParsedOptions;
  output: CommandOutput;
  /** Connects on first use (commands like DecodeMessageId never need it). */
  admin(): MQAdmin;
  namesrvAddr(): string;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** Groups of which at least one must be given (commons-cli required OptionGroup), e.g. [['b', 'c']]. */
  requiredOneOf?: string[][];
  /** Whether the command talks to the cluster (needs -n / NAMESRV_ADDR). Default true. */
  needsNamesrv?: boolean;
  run(context: CommandContext): Promise<void>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { short: 'h', long: 'help', hasArg: false, description: 'Print help' },
  { short: 'n', long: 'namesrvAddr', hasArg: true, description: 'Name server address list, eg: 192.168.0.1:9876;192.168.0.2:9876' },
];

export class ParsedOptions {
  constructor(private readonly values: Map<string, string | true>) {}

  has(short: string): boolean {
    return this.values.has(short);
  }

  /** The trimmed value of an option that takes one, or undefined. */
  get(short: string): string | undefined {
    const value = this.values.get(short);
    return typeof value === 'string' ? value.trim() : undefined;
  }

  require(short: string): string {
    const value = this.get(short);
    if (value === undefined) throw new UsageError(`Missing required option: ${short}`);
    return value;
  }

  int(short: string, fallback?: number): number {
    const text = this.get(short);
    if (text === undefined) {
      if (fallback === undefined) throw new UsageError(`Missing required option: ${short}`);
      return fallback;
    }
    if (!/^-?\d+$/.test(text)) throw new UsageError(`option -${short} expects an integer, got '${text}'`);
    return Number(text);
  }

  /** Java Boolean.parseBoolean: "true" (any case) is true, anything else false. */
  bool(short: string, fallback: boolean): boolean {
    const text = this.get(short);
    return text === undefined ? fallback : text.toLowerCase() === 'true';
  }
}

/** commons-cli style: `-t v`, `-tv`, `-t=v`, `--topic v`, `--topic=v`; flags take no value. */
export function parseOptions(spec: CommandSpec, argv: readonly string[]): ParsedOptions {
  const all = [...GLOBAL_OPTIONS, ...spec.options];
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('-') || arg === '-') throw new UsageError(`unexpected argument '${arg}'`);
    const long = arg.startsWith('--');
    const body = arg.slice(long ? 2 : 1);
    const equals = body.indexOf('=');
    let name = equals >= 0 ? body.slice(0, equals) : body;
    let inline = equals >= 0 ? body.slice(equals + 1) : undefined;
    let option = all.find((candidate) => (long ? candidate.long === name : candidate.short === name));
    if (!option && !long && name.length > 1) {
      // -tTopicA
      option = all.find((candidate) => candidate.short === name[0] && candidate.hasArg);
      if (option) {
        inline = name.slice(1) + (equals >= 0 ? `=${inline}` : '');
        name = name[0];
      }
    }
    if (!option) throw new UsageError(`Unrecognized option: ${arg}`);
    if (!option.hasArg) {
      values.set(option.short, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`Missing argument for option: ${option.short}`);
    values.set(option.short, value);
  }
  const parsed = new ParsedOptions(values);
  if (parsed.has('h')) return parsed;
  for (const option of spec.options) {
    if (option.required && !values.has(option.short)) throw new UsageError(`Missing required option: ${option.short}`);
  }
  for (const group of spec.requiredOneOf ?? []) {
    if (!group.some((short) => values.has(short))) {
      throw new UsageError(`Missing required option: [${group.map((short) => `-${short}`).join(' ')}]`);
    }
  }
  return parsed;
}

/** Usage text in commons-cli HelpFormatter's layout. */
export function formatUsage(spec: CommandSpec): string {
  const all = [...GLOBAL_OPTIONS, ...spec.options].sort((a, b) => a.short.localeCompare(b.short));
  const synopsis = all.map((option) => {
    const text = `-${option.short}${option.hasArg ? ' <arg>' : ''}`;
    return option.required ? text : `[${text}]`;
  });
  const lines = [`usage: mqadmin ${spec.name} ${synopsis.join(' ')}`];
  const labels = all.map((option) => ` -${option.short},--${option.long}${option.hasArg ? ' <arg>' : ''}`);
  const width = Math.max(...labels.map((label) => label.length)) + 3;
  all.forEach((option, i) => lines.push(`${labels[i].padEnd(width)}${option.description}`));
  return lines.join('\n');
}
