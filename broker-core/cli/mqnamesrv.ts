import { stopOnSignals } from './stop-on-signals';
import { resolve } from 'node:path';
import { ConfigError, formatConfig, loadConfig } from '../common/config/config-loader';
import { createLogger } from '../common/logger';
import { startNamesrv, type NamesrvHandle } from '../namesrv/index';
import { namesrvConfigSchema } from '../namesrv/namesrv-config';
import { CliUsageError, parseCliArgs } from './cli-args';
import { processOutput, type CliOutput } from './cli-output';
import { namesrvPidFilePath, removePidFile, writePidFile } from './pid-file';

const log = createLogger('mqnamesrv');

/**
 * `mqnamesrv [-c namesrv.properties] [-p] [key=value ...]`: starts a nameserver in the foreground (spec/config.md §4).
 * Prints `The Name Server boot success. serializeType=JSON, address <host>:<port>` once listening (the line scripts
 * wait for, as with Apache RocketMQ), writes its PID to `<kvConfigPath dir>/namesrv.pid`, and on SIGTERM or SIGINT
 * shuts down cleanly and exits 0. Bad arguments, bad config values or a busy port exit 1 with a one-line reason.
 */
export const USAGE = `usage: mqnamesrv [-c <file>] [-p] [-h] [key=value ...]
  -c, --configFile <file>   nameserver properties file (e.g. listenPort=9876)
  -p, --printConfigItem     print every config key and exit
  -h, --help                this help
  key=value                 set one config key, after the file (e.g. listenPort=9877 kvConfigPath=/data/kv.json)`;

export type { CliOutput };

export type NamesrvCliResult = { exitCode: number } | { handle: NamesrvHandle; pidFile: string };

/** Everything but process signals and exit, so it can be tested in-process. */
export async function runNamesrvCli(
  argv: readonly string[],
  output: CliOutput = processOutput,
): Promise<NamesrvCliResult> {
  const fail = (message: string): NamesrvCliResult => {
    output.err(`mqnamesrv: ${message}`);
    return { exitCode: 1 };
  };
  let args;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof CliUsageError) return fail(`${error.message}\n${USAGE}`);
    throw error;
  }
  if (args.help) {
    output.out(USAGE);
    return { exitCode: 0 };
  }
  if (args.namesrvAddr !== undefined || args.printImportantConfig)
    return fail(`options -n and -m are for mqbroker\n${USAGE}`);

  let loaded;
  try {
    loaded = loadConfig(namesrvConfigSchema, { file: args.configFile, overrides: args.overrides });
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  for (const warning of loaded.warnings) output.err(`mqnamesrv: warning: ${warning}`);
  const config = loaded.values;
  if (args.configFile !== undefined) {
    // Upstream rewrites the -c file on UPDATE_NAMESRV_CONFIG.
    if (loaded.origins.configStorePath === undefined) config.configStorePath = resolve(args.configFile);
    output.out(`load config properties file OK, ${args.configFile}`);
  }
  if (args.printConfig) {
    output.out(formatConfig(namesrvConfigSchema, config).trimEnd());
    return { exitCode: 0 };
  }

  let handle: NamesrvHandle;
  try {
    handle = await startNamesrv(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${config.listenHost}:${config.listenPort}`;
    if (code === 'EADDRINUSE') return fail(`cannot listen on ${where}: address already in use`);
    if (code === 'EACCES') return fail(`cannot listen on ${where}: permission denied`);
    if (code === 'EADDRNOTAVAIL') return fail(`cannot listen on ${where}: address not available on this machine`);
    return fail(`cannot start: ${(error as Error).message}`);
  }
  const pidFile = namesrvPidFilePath(config);
  try {
    writePidFile(pidFile);
  } catch (error) {
    output.err(`mqnamesrv: warning: cannot write PID file ${pidFile}: ${(error as Error).message}`);
  }
  output.out(`The Name Server boot success. serializeType=JSON, address ${config.listenHost}:${handle.port}`);
  return { handle, pidFile };
}

/** Entry point of bin/mqnamesrv.js. */
export async function main(argv: string[]): Promise<void> {
  const result = await runNamesrvCli(argv);
  if ('exitCode' in result) {
    process.exitCode = result.exitCode;
    return;
  }
  const { handle, pidFile } = result;
  stopOnSignals(handle, { graceMs: 10_000, afterStop: () => removePidFile(pidFile), log });
}
