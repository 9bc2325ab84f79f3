import type { FullConfig } from '@playwright/test';
import { consoleEnvVars } from './support/console-env';
import { startConsole } from './support/console-process';

/** Starts one console for the whole run and publishes where it is (see support/console-env.ts). */
export default async function globalSetup(_config: FullConfig): Promise<void> {
  const console_ = await startConsole();
  process.env[consoleEnvVars.baseURL] = console_.baseURL;
  process.env[consoleEnvVars.namesrvAddr] = console_.namesrvAddr;
  process.env[consoleEnvVars.brokerAddr] = console_.brokerAddr;
  process.env[consoleEnvVars.pid] = String(console_.pid);
  process.env[consoleEnvVars.dir] = console_.dir;
  // Safety net if the runner dies before global-teardown.ts: never leave a next-server behind.
  process.once('exit', () => {
    try {
      process.kill(-console_.pid, 'SIGKILL');
    } catch {
      // already stopped by global-teardown.ts
    }
  });
  process.stdout.write(`console up at ${console_.baseURL}, embedded nameserver ${console_.namesrvAddr} (pid ${console_.pid}, files in ${console_.dir})\n`);
}
