import { readFileSync, rmSync } from 'node:fs';
import { ConfigError, loadConfig } from '../common/config/config-loader';
import { namesrvConfigSchema } from '../namesrv/namesrv-config';
import { brokerPidFilePath } from './broker-pid-file';
import { CliUsageError, parseCliArgs } from './cli-args';
import { loadBrokerConfig } from './mqbroker';
import { processOutput, type CliOutput } from './cli-output';
import { namesrvPidFilePath, readPidFile } from './pid-file';
import { isProcessAlive } from '../common/process-alive';

/**
 * `mqshutdown namesrv|broker [-c file] [key=value ...]`: stops a server started by mqnamesrv / mqbroker on this
 * machine. The PID comes from the file the server wrote (namesrv: next to kvConfigPath; broker:
 * `<storePathRootDir>/broker.pid`), located with the same -c file and keys the server was started with (defaults:
 * $HOME/namesrv, $HOME/store). The process gets SIGTERM and mqshutdown waits until it has exited.
 */
export const USAGE = `usage: mqshutdown namesrv|broker [-c <file>] [key=value ...]
  -c <file>   the properties file the server was started with (to find its store / kvConfig directory)
  key=value   e.g. storePathRootDir=/data/store (broker) or kvConfigPath=/data/namesrv/kvConfig.json (namesrv)`;

const quiet: CliOutput = { out: () => {}, err: () => {} };

/** On Linux, refuse to signal a recycled PID that is no longer our server. */
function looksLikeOurServer(pid: number, name: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(name);
  } catch {
    return true;
  }
}

function pidFileFor(server: string, argv: readonly string[]): string {
  if (server === 'broker') return brokerPidFilePath(loadBrokerConfig(argv, quiet).config);
  const args = parseCliArgs(argv);
  const loaded = loadConfig(namesrvConfigSchema, { file: args.configFile, overrides: args.overrides });
  return namesrvPidFilePath(loaded.values);
}

export async function runShutdownCli(argv: readonly string[], output: CliOutput = processOutput, waitMs = 60_000): Promise<number> {
  const [server, ...rest] = argv;
  if (server === '-h' || server === '--help') {
    output.out(USAGE);
    return 0;
  }
  if (server !== 'namesrv' && server !== 'broker') {
    output.err(`mqshutdown: expected 'namesrv' or 'broker'\n${USAGE}`);
    return 1;
  }
  const name = server === 'broker' ? 'mqbroker' : 'mqnamesrv';
  let pidFile: string;
  try {
    pidFile = pidFileFor(server, rest);
  } catch (error) {
    if (error instanceof CliUsageError || error instanceof ConfigError) {
      output.err(`mqshutdown: ${error.message}\n${USAGE}`);
      return 1;
    }
    throw error;
  }
  const pid = readPidFile(pidFile);
  if (pid === undefined || !isProcessAlive(pid) || !looksLikeOurServer(pid, name)) {
    if (pid !== undefined) rmSync(pidFile, { force: true });
    output.out(`No ${name} running.`);
    return 1;
  }
  output.out(`The ${name}(${pid}) is running...`);
  process.kill(pid, 'SIGTERM');
  output.out(`Send shutdown request to ${name}(${pid}) OK`);
  const deadline = Date.now() + waitMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      output.err(`mqshutdown: ${name}(${pid}) did not exit within ${Math.round(waitMs / 1000)} s`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 0;
}

/** Entry point of bin/mqshutdown.js. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await runShutdownCli(argv);
}
