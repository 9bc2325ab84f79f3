import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeBrokerPort, freePort } from './ports';

/**
 * The console as a user starts it, `node scripts/start.mjs`, in its own process group (detached) so that stopping
 * the group stops next-server with it. HOME and the store point into a fresh temp directory: the run never touches
 * the real ~/namesrv or ./.data.
 */
export interface StartedConsole {
  /** PID of `node scripts/start.mjs`, also the process group id. */
  pid: number;
  baseURL: string;
  namesrvAddr: string;
  /** The embedded broker's address. */
  brokerAddr: string;
  /** Temp directory holding home/, store/, namesrv/ and console.log. */
  dir: string;
  logPath: string;
}

const root = resolve(__dirname, '..', '..');
/** A cold start may build broker-core and the console first. */
const START_TIMEOUT_MS = 5 * 60_000;

export async function startConsole(): Promise<StartedConsole> {
  const httpPort = await freePort();
  let namesrvPort = await freePort();
  while (namesrvPort === httpPort) namesrvPort = await freePort();
  let brokerPort = await freeBrokerPort();
  while ([httpPort, namesrvPort].some((port) => Math.abs(port - brokerPort) <= 2)) brokerPort = await freeBrokerPort();
  const dir = mkdtempSync(join(tmpdir(), 'rmq-console-e2e-'));
  const logPath = join(dir, 'console.log');
  const log = openSync(logPath, 'a');
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      PORT: String(httpPort),
      RMQ_EMBEDDED: '1',
      RMQ_NAMESRV_PORT: String(namesrvPort),
      RMQ_BROKER_PORT: String(brokerPort),
      RMQ_LISTEN_HOST: '127.0.0.1',
      RMQ_STORE_DIR: join(dir, 'store'),
      HOME: join(dir, 'home'),
      NAMESRV_ADDR: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error('could not spawn node scripts/start.mjs');
  const started: StartedConsole = { pid: child.pid, baseURL: `http://127.0.0.1:${httpPort}`, namesrvAddr: `127.0.0.1:${namesrvPort}`, brokerAddr: `127.0.0.1:${brokerPort}`, dir, logPath };

  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
  try {
    await waitUntil(START_TIMEOUT_MS, async () => {
      if (exited) throw new Error(`the console ${exited} before answering`);
      return await answersWithEmbeddedCluster(started);
    });
  } catch (error) {
    await stopProcessGroup(started.pid);
    throw new Error(`${(error as Error).message}\n--- ${logPath} (last lines) ---\n${tail(logPath, 40)}`);
  }
  return started;
}

/** Up means: pages are served and the API lists the embedded nameserver on the port we chose. */
async function answersWithEmbeddedCluster(console_: StartedConsole): Promise<boolean> {
  try {
    const page = await fetch(`${console_.baseURL}/cluster`);
    const api = await fetch(`${console_.baseURL}/api/clusters`);
    if (!page.ok || !api.ok) return false;
    const body = (await api.json()) as { clusters?: Array<{ namesrvAddr?: string }> };
    return body.clusters?.[0]?.namesrvAddr === console_.namesrvAddr;
  } catch {
    return false; // not listening yet
  }
}

/** SIGTERM to the whole group, SIGKILL after a grace period; throws if any member survives. */
export async function stopProcessGroup(pgid: number, graceMs = 15_000): Promise<void> {
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  if (await waitForGroupExit(pgid, graceMs)) return;
  signalGroup(pgid, 'SIGKILL');
  if (!(await waitForGroupExit(pgid, 5_000))) throw new Error(`process group ${pgid} survived SIGKILL`);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  try {
    await waitUntil(timeoutMs, () => !groupAlive(pgid));
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(timeoutMs: number, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
