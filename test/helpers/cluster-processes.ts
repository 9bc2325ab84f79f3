import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeBrokerPort, freePort } from './ports';

export { freeBrokerPort, freePort };

/**
 * Real `bin/mqnamesrv.js` and `bin/mqbroker.js` child processes on free ports with a temporary store, for tests that
 * prove the servers over real sockets (ali-ons, our client, mqadmin). Builds dist/ first when it is missing or older
 * than the broker-core sources. Every wait is bounded; processes are stopped by their PID (SIGTERM, then SIGKILL).
 *
 *   const cluster = await startClusterProcesses({ broker: ['enablePropertyFilter=true'] });
 *   cluster.namesrvAddr;  // "127.0.0.1:40123"
 *   cluster.brokerAddr;   // "127.0.0.1:40125"
 *   await cluster.stop();
 */
const root = join(__dirname, '..', '..');
const distCli = join(root, 'dist', 'broker-core', 'cli');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === '__tests__' || name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

const entries = ['mqnamesrv.js', 'mqbroker.js', 'mqshutdown.js'].map((name) => join(distCli, name));
const buildLock = join(root, 'dist', '.broker-core-build.lock');

function isFresh(): boolean {
  const oldest = Math.min(...entries.map((entry) => (existsSync(entry) ? statSync(entry).mtimeMs : 0)));
  return oldest >= newestSource(join(root, 'broker-core'));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Compiles broker-core into dist/ unless the compiled CLIs are newer than every source. Test files run in parallel
 * workers: a lock directory makes one of them build while the others wait, so nobody starts a CLI from half-written
 * files.
 */
export function ensureBuilt(): void {
  if (isFresh()) return;
  mkdirSync(join(root, 'dist'), { recursive: true });
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(buildLock);
      break;
    } catch {
      if (existsSync(buildLock) && Date.now() - statSync(buildLock).mtimeMs > 300_000) rmSync(buildLock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${buildLock}`);
      sleepSync(200);
      if (!existsSync(buildLock) && isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    // Other areas may be mid-change: tsc still emits our files when theirs have type errors, so judge by the output.
    spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'broker-core', 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'ignore',
      timeout: 180_000,
    });
    for (const entry of entries) if (!existsSync(entry)) throw new Error(`building broker-core did not produce ${entry}`);
  } finally {
    rmSync(buildLock, { recursive: true, force: true });
  }
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM by PID, wait for exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runBin(name: 'mqnamesrv' | 'mqbroker' | 'mqshutdown', args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): ServerProcess {
  const child = spawn(process.execPath, [join(root, 'bin', `${name}.js`), ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, RMQ_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const pid = child.pid ?? -1;
  return {
    child,
    pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGTERM');
        const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(pid, 'SIGKILL'), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      }
      return exited;
    },
  };
}

/** Resolves when stdout contains `text`; rejects if the process exits first or after `ms`. */
export function waitForOutput(server: ServerProcess, text: string, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (server.stdout().includes(text)) finish(resolve);
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`no '${text}' within ${ms} ms; stderr: ${server.stderr()}`))), ms);
    const onExit = () => finish(() => reject(new Error(`exited before '${text}': ${server.stderr()}`)));
    const finish = (action: () => void) => {
      clearTimeout(timer);
      server.child.stdout?.off('data', check);
      server.child.off('exit', onExit);
      action();
    };
    server.child.stdout?.on('data', check);
    server.child.once('exit', onExit);
    check();
  });
}

export interface ClusterProcesses {
  dir: string;
  namesrv: ServerProcess;
  broker: ServerProcess;
  namesrvAddr: string;
  brokerAddr: string;
  brokerPort: number;
  storeDir: string;
  /** Restarts the broker process on the same store and port (e.g. to prove persistence). */
  restartBroker(): Promise<void>;
  /** Stops the broker, then the nameserver, by PID; removes the directory. */
  stop(): Promise<void>;
}

export interface ClusterProcessOptions {
  /** Extra mqbroker arguments (key=value ...). */
  broker?: string[];
  brokerName?: string;
}

export async function startClusterProcesses(options: ClusterProcessOptions = {}): Promise<ClusterProcesses> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'rmq-cluster-'));
  const namesrvPort = await freePort();
  const namesrv = runBin('mqnamesrv', [`listenPort=${namesrvPort}`, 'listenHost=127.0.0.1', `kvConfigPath=${join(dir, 'namesrv', 'kvConfig.json')}`], { env: { HOME: dir } });
  const stopAll: ServerProcess[] = [namesrv];
  try {
    await waitForOutput(namesrv, 'boot success');
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    const brokerPort = await freeBrokerPort();
    const storeDir = join(dir, 'store');
    const brokerArgs = [
      '-n',
      namesrvAddr,
      `listenPort=${brokerPort}`,
      'listenHost=127.0.0.1',
      'brokerIP1=127.0.0.1',
      'brokerIP2=127.0.0.1',
      `brokerName=${options.brokerName ?? 'broker-a'}`,
      `storePathRootDir=${storeDir}`,
      'mappedFileSizeCommitLog=16777216',
      'mappedFileSizeConsumeQueue=200000',
      'maxHashSlotNum=8192',
      'maxIndexNum=32768',
      ...(options.broker ?? []),
    ];
    const startBroker = async () => {
      const broker = runBin('mqbroker', brokerArgs, { env: { HOME: dir } });
      stopAll.push(broker);
      await waitForOutput(broker, 'boot success');
      return broker;
    };
    const cluster: ClusterProcesses = {
      dir,
      namesrv,
      broker: await startBroker(),
      namesrvAddr,
      brokerAddr: `127.0.0.1:${brokerPort}`,
      brokerPort,
      storeDir,
      async restartBroker() {
        await cluster.broker.stop();
        cluster.broker = await startBroker();
      },
      async stop() {
        for (const server of stopAll.reverse()) await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (error) {
    for (const server of stopAll.reverse()) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
