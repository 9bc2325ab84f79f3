import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearProcessSingleton, processSingleton } from './process-singleton';

// Hot reload re-evaluates modules; vi.resetModules + a fresh import does the same here.
describe('process singletons', () => {
  const savedEnv = { ...process.env };

  afterEach(() => {
    process.env = { ...savedEnv };
    clearProcessSingleton('test-value');
  });

  it('builds a value once and hands the same one to a reloaded module', async () => {
    let builds = 0;
    const first = processSingleton('test-value', () => ({ build: ++builds }));
    vi.resetModules();
    const reloaded = await import('./process-singleton');
    expect(reloaded.processSingleton('test-value', () => ({ build: ++builds }))).toBe(first);
    expect(builds).toBe(1);
  });

  it('starts one embedded nameserver per process, however often the console server is asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-singleton-test-'));
    Object.assign(process.env, { RMQ_EMBEDDED: '1', RMQ_NAMESRV_PORT: '0', RMQ_LISTEN_HOST: '127.0.0.1', RMQ_STORE_DIR: join(dir, 'store') });
    delete process.env.NAMESRV_ADDR;
    const { getConsoleServer } = await import('./console-server');
    const first = await getConsoleServer();
    try {
      vi.resetModules();
      const reloaded = await import('./console-server');
      const [again, third] = await Promise.all([reloaded.getConsoleServer(), getConsoleServer()]);
      expect(again).toBe(first);
      expect(third).toBe(first);
      expect(first.embedded?.namesrv.port).toBeGreaterThan(0);
    } finally {
      await first.shutdown();
      clearProcessSingleton('console-server');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
