import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../client/namesrv-client';
import { RemotingClient } from '../../remoting/remoting-client';

/**
 * The real `bin/mqnamesrv.js` as a child process: boots, serves over TCP, stops cleanly on SIGTERM sent to its PID,
 * and refuses bad configuration or a busy port with a non-zero exit. Every wait is bounded; children are stopped by
 * PID in afterEach whatever happens.
 */
const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'mqnamesrv.js');
const entry = join(root, 'dist', 'broker-core', 'cli', 'mqnamesrv.js');
const dir = mkdtempSync(join(tmpdir(), 'mqnamesrv-bin-'));
const children: ChildProcess[] = [];

/** Newest modification time of the sources the compiled CLI is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (name === '__tests__' || name === 'node_modules') continue;
      const stat = statSync(child);
      if (stat.isDirectory()) walk(child);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const area of ['cli', 'namesrv', 'common', 'protocol', 'remoting', 'client'])
    walk(join(root, 'broker-core', area));
  return newest;
}

beforeAll(() => {
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestSource()) return;
  // Other areas may be mid-change: tsc still emits our files when theirs have type errors, so judge by the output.
  spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(root, 'broker-core', 'tsconfig.build.json')],
    {
      cwd: root,
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  if (!existsSync(entry)) throw new Error(`building broker-core did not produce ${entry}`);
}, 130_000);

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, HOME: dir, RMQ_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('bin/mqnamesrv.js', () => {
  it('boots, serves over TCP, and exits 0 on SIGTERM, removing its PID file and keeping its KV data', async () => {
    const port = await freePort();
    const kvConfigPath = join(dir, 'store', 'kvConfig.json');
    const ns = run([`listenPort=${port}`, 'listenHost=127.0.0.1', `kvConfigPath=${kvConfigPath}`]);
    await within(
      new Promise<void>((resolve, reject) => {
        ns.child.stdout?.on('data', () => ns.stdout().includes('boot success') && resolve());
        ns.child.once('exit', () => reject(new Error(`exited early: ${ns.stderr()}`)));
      }),
      20_000,
      'boot line',
    );
    expect(ns.stdout()).toBe(`The Name Server boot success. serializeType=JSON, address 127.0.0.1:${port}\n`);
    const pidFile = join(dir, 'store', 'namesrv.pid');
    expect(readFileSync(pidFile, 'utf8')).toBe(`${ns.child.pid}\n`);

    const remoting = new RemotingClient();
    try {
      const client = new NamesrvClient(remoting, [`127.0.0.1:${port}`]);
      expect(await client.getBrokerClusterInfo()).toEqual({ brokerAddrTable: {}, clusterAddrTable: {} });
      await client.putKvConfig('ns', 'k', 'v');
    } finally {
      await remoting.close();
    }

    process.kill(ns.child.pid as number, 'SIGTERM');
    expect(await within(ns.exited, 15_000, 'exit after SIGTERM')).toEqual({ code: 0, signal: null });
    expect(existsSync(pidFile)).toBe(false);
    expect(JSON.parse(readFileSync(kvConfigPath, 'utf8'))).toEqual({ configTable: { ns: { k: 'v' } } });
  });

  it('exits non-zero naming the key for listenPort=abc', async () => {
    const ns = run(['listenPort=abc']);
    const { code } = await within(ns.exited, 15_000, 'exit');
    expect(code).not.toBe(0);
    expect(ns.stderr()).toContain("invalid value for 'listenPort': 'abc' is not an integer");
    expect(ns.stdout()).not.toContain('boot success');
  });

  it('exits non-zero with a clear message when the port is busy', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const address = busy.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const ns = run([
        `listenPort=${port}`,
        'listenHost=127.0.0.1',
        `kvConfigPath=${join(dir, 'busy', 'kvConfig.json')}`,
      ]);
      const { code } = await within(ns.exited, 15_000, 'exit');
      expect(code).toBe(1);
      expect(ns.stderr()).toContain(`mqnamesrv: cannot listen on 127.0.0.1:${port}: address already in use`);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});
