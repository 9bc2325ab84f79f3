import { stopOnSignals } from './stop-on-signals';
import { resolve } from 'node:path';
import { ConfigError, formatConfig, loadConfig } from '../common/config/config-loader';
import { stringifyJavaProperties } from '../common/java-properties';
import { createLogger } from '../common/logger';
import { BrokerController } from '../broker/broker-controller';
import { brokerConfigSchema, IMPORTANT_KEYS, resolveBrokerConfig, type BrokerConfig } from '../broker/config/broker-config';
import { formatConfigValue } from '../common/config/config-value';
import { StoreLockedError } from '../store/store-lock';
import { brokerPidFilePath } from './broker-pid-file';
import { CliUsageError, parseCliArgs } from './cli-args';
import { processOutput, type CliOutput } from './cli-output';
import { removePidFile, writePidFile } from './pid-file';

const log = createLogger('mqbroker');

/**
 * `mqbroker [-n "addr1;addr2"] [-c broker.properties] [-p] [-m] [key=value ...]`: starts a broker in the foreground
 * with Apache RocketMQ's keys and defaults (spec/config.md §1–§2). Sources apply in order: defaults, the -c file,
 * key=value overrides, then -n. Unknown keys warn; a bad value or a broken start-up rule (SLAVE with brokerId ≤ 0)
 * exits 1 naming the key. Prints upstream's boot line once serving, writes `<storePathRootDir>/broker.pid`, and on
 * SIGTERM/SIGINT unregisters, flushes and exits 0.
 */
export const USAGE = `usage: mqbroker [-n <addr;addr>] [-c <file>] [-p] [-m] [-h] [key=value ...]
  -n, --namesrvAddr <list>  nameservers, e.g. "10.0.0.1:9876;10.0.0.2:9876"
  -c, --configFile <file>   broker properties file (e.g. conf/2m-2s-sync/broker-a.properties)
  -p, --printConfigItem     print every config key with its effective value and exit
  -m, --printImportantConfig print the important keys and exit
  -h, --help                this help
  key=value                 set one config key after the file (e.g. listenPort=10921 storePathRootDir=/data/store)`;

export type BrokerCliResult = { exitCode: number } | { controller: BrokerController; pidFile: string };

/** Reads the configuration as mqbroker would (also used by mqshutdown to find the PID file). */
export function loadBrokerConfig(argv: readonly string[], output: CliOutput): { config: BrokerConfig; printConfig: boolean; printImportant: boolean; help: boolean } {
  const args = parseCliArgs(argv);
  const overrides: Array<[string, string]> = [...args.overrides];
  if (args.namesrvAddr !== undefined) overrides.push(['namesrvAddr', args.namesrvAddr]);
  const loaded = loadConfig(brokerConfigSchema, { file: args.configFile, overrides });
  for (const warning of loaded.warnings) output.err(`mqbroker: warning: ${warning}`);
  const values = loaded.values;
  if (args.configFile !== undefined) {
    if (loaded.origins.brokerConfigPath === undefined) values.brokerConfigPath = resolve(args.configFile);
    output.out(`load config properties file OK, ${args.configFile}`);
  }
  return { config: resolveBrokerConfig(values), printConfig: args.printConfig, printImportant: args.printImportantConfig, help: args.help };
}

function describeStartError(error: unknown, config: BrokerConfig): string {
  const code = (error as NodeJS.ErrnoException).code;
  const port = (error as { port?: number }).port ?? config.listenPort;
  const where = `${config.listenHost}:${port}`;
  if (code === 'EADDRINUSE') return `cannot listen on ${where}: address already in use (the VIP port is listenPort-2)`;
  if (code === 'EACCES') return `cannot listen on ${where}: permission denied`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: address not available on this machine`;
  if (error instanceof StoreLockedError) return error.message;
  return `cannot start: ${(error as Error).message}`;
}

/** The derived ports, as a properties comment line (the VIP port has no key). */
function portsComment(config: BrokerConfig): string {
  const vip = config.listenPort === 0 ? 'any free port' : String(config.listenPort - 2);
  return `# ports: listenPort=${config.listenPort}, VIP (listenPort-2)=${vip}, HA (listenPort+1)=${config.haListenPort}`;
}

/** Everything but process signals and exit, so it can be tested in-process. */
export async function runBrokerCli(argv: readonly string[], output: CliOutput = processOutput): Promise<BrokerCliResult> {
  const fail = (message: string): BrokerCliResult => {
    output.err(`mqbroker: ${message}`);
    return { exitCode: 1 };
  };
  let loaded;
  try {
    loaded = loadBrokerConfig(argv, output);
  } catch (error) {
    if (error instanceof CliUsageError) return fail(`${error.message}\n${USAGE}`);
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  if (loaded.help) {
    output.out(USAGE);
    return { exitCode: 0 };
  }
  const { config } = loaded;
  if (loaded.printConfig) {
    output.out(formatConfig(brokerConfigSchema, config).trimEnd());
    output.out(portsComment(config));
    return { exitCode: 0 };
  }
  if (loaded.printImportant) {
    const entries = IMPORTANT_KEYS.map((key): [string, string] => [key, formatConfigValue(brokerConfigSchema[key], config[key])]);
    output.out(stringifyJavaProperties(entries).trimEnd());
    return { exitCode: 0 };
  }
  const controller = new BrokerController(config);
  try {
    await controller.start();
  } catch (error) {
    return fail(describeStartError(error, config));
  }
  const pidFile = brokerPidFilePath(config);
  try {
    writePidFile(pidFile);
  } catch (error) {
    output.err(`mqbroker: warning: cannot write PID file ${pidFile}: ${(error as Error).message}`);
  }
  const namesrv = config.namesrvAddr ? ` and name server is ${config.namesrvAddr}` : '';
  output.out(`The broker[${config.brokerName}, ${controller.brokerAddr}] boot success. serializeType=JSON${namesrv}`);
  return { controller, pidFile };
}

/** Entry point of bin/mqbroker.js. */
export async function main(argv: string[]): Promise<void> {
  const result = await runBrokerCli(argv);
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const { controller, pidFile } = result;
  stopOnSignals(controller, { graceMs: 30_000, afterStop: () => removePidFile(pidFile), log });
}
