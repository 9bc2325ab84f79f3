import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A nameserver and a broker as child processes for the client benchmarks, started through bin/*.js (compiled code
 * in dist/) on free ports, with a temporary store under .data/bench/client that stop() removes. Processes are
 * stopped by their PID.
 */
export interface BenchCluster {
  namesrvAddr: string;
  brokerAddr: string;
  stop(): Promise<void>;
}

/** A TCP port free right now on 127.0.0.1 (console.bench.ts uses it too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function brokerPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port > 1026 && (await isFree(port - 2)) && (await isFree(port + 1))) return port;
  }
  throw new Error('no free broker port');
}

function start(bin: string, args: string[], readyText: string): Promise<ChildProcess> {
  const root = process.cwd();
  const child = spawn(process.execPath, [join(root, 'bin', `${bin}.js`), ...args], {
    cwd: root,
    env: { ...process.env, RMQ_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${bin} did not start within 60 s: ${err}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(readyText)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code}: ${err}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(pid, 'SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(pid, 'SIGTERM');
  });
}

export async function startBenchCluster(brokerArgs: string[] = []): Promise<BenchCluster> {
  const dir = join(process.cwd(), '.data', 'bench', 'client');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const namesrvPort = await freePort();
  const namesrv = await start('mqnamesrv', [`listenPort=${namesrvPort}`, 'listenHost=127.0.0.1', `kvConfigPath=${join(dir, 'kvConfig.json')}`], 'boot success');
  const namesrvAddr = `127.0.0.1:${namesrvPort}`;
  const port = await brokerPort();
  let broker: ChildProcess;
  try {
    broker = await start(
      'mqbroker',
      ['-n', namesrvAddr, `listenPort=${port}`, 'listenHost=127.0.0.1', 'brokerIP1=127.0.0.1', `storePathRootDir=${join(dir, 'store')}`, ...brokerArgs],
      'boot success',
    );
  } catch (error) {
    await stopProcess(namesrv);
    throw error;
  }
  return {
    namesrvAddr,
    brokerAddr: `127.0.0.1:${port}`,
    async stop() {
      await stopProcess(broker);
      await stopProcess(namesrv);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
