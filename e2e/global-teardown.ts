import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consoleEnvVars } from './support/console-env';
import { stopProcessGroup } from './support/console-process';

/** Stops the console's process group by the PID global-setup.ts recorded; keeps its log under test-results/. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env[consoleEnvVars.pid]);
  const dir = process.env[consoleEnvVars.dir];
  if (Number.isInteger(pid) && pid > 0) await stopProcessGroup(pid);
  if (dir && existsSync(dir)) {
    const results = resolve(__dirname, '..', 'test-results');
    mkdirSync(results, { recursive: true });
    if (existsSync(join(dir, 'console.log'))) copyFileSync(join(dir, 'console.log'), join(results, 'console-server.log'));
    rmSync(dir, { recursive: true, force: true });
  }
}
