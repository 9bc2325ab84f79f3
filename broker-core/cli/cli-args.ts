/**
 * Command-line arguments shared by the server CLIs (mqnamesrv, mqbroker), following RocketMQ's conventions:
 *
 *   -c <file>   properties file (also --configFile <file>, -c=<file>)
 *   -n <addr>   nameserver address list "host:port;host:port" (also --namesrvAddr)
 *   -p          print every config key with its value, then exit (--printConfigItem)
 *   -m          print the important keys, then exit (--printImportantConfig)
 *   -h          usage (--help)
 *   key=value   override one config key (applied after the file)
 */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export interface CliArgs {
  configFile?: string;
  namesrvAddr?: string;
  printConfig: boolean;
  printImportantConfig: boolean;
  help: boolean;
  /** key=value pairs in command-line order. */
  overrides: Array<[string, string]>;
}

const VALUE_OPTIONS: Record<string, 'configFile' | 'namesrvAddr'> = {
  '-c': 'configFile',
  '--configFile': 'configFile',
  '-n': 'namesrvAddr',
  '--namesrvAddr': 'namesrvAddr',
};

const FLAG_OPTIONS: Record<string, 'printConfig' | 'printImportantConfig' | 'help'> = {
  '-p': 'printConfig',
  '--printConfigItem': 'printConfig',
  '-m': 'printImportantConfig',
  '--printImportantConfig': 'printImportantConfig',
  '-h': 'help',
  '--help': 'help',
};

const KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { printConfig: false, printImportantConfig: false, help: false, overrides: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('-')) {
      const equals = arg.indexOf('=');
      const name = equals > 0 ? arg.slice(0, equals) : arg;
      const option = VALUE_OPTIONS[name];
      if (option) {
        const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
        if (value === undefined || value === '') throw new CliUsageError(`option ${name} needs a value`);
        args[option] = value;
        continue;
      }
      const flag = FLAG_OPTIONS[arg];
      if (flag) {
        args[flag] = true;
        continue;
      }
      throw new CliUsageError(`unknown option ${arg}`);
    }
    const equals = arg.indexOf('=');
    if (equals <= 0) throw new CliUsageError(`unexpected argument '${arg}' (config overrides are written key=value)`);
    const key = arg.slice(0, equals);
    if (!KEY.test(key)) throw new CliUsageError(`'${key}' is not a config key name (in '${arg}')`);
    args.overrides.push([key, arg.slice(equals + 1)]);
  }
  return args;
}
