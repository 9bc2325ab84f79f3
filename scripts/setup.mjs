// Shared by `npm start`, `npm test` and `npm run bench`: make a fresh clone runnable with nothing but Node.js and npm.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(new URL('..', import.meta.url).pathname);

export function run(command, options = {}) {
  console.log(`\n$ ${command}`);
  const result = spawnSync(command, { cwd: root, stdio: 'inherit', shell: true, env: process.env, ...options });
  if (result.status !== 0) {
    console.error(`\n✖ failed (${result.status ?? result.signal}): ${command}`);
    process.exit(result.status ?? 1);
  }
}

/**
 * npm ci when node_modules is missing or older than package-lock.json. npm 11 can refuse `npm ci` on a lock file
 * that lacks other platforms' optional packages (e.g. @next/swc-darwin-*), so fall back to `npm install`, which
 * installs the same locked versions.
 */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('\n$ npm ci --no-audit --no-fund');
  const ci = spawnSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit', shell: true, env: process.env });
  if (ci.status !== 0) run('npm install --no-audit --no-fund');
}

/** Compiles broker-core to dist/ (used by the bins and child processes in tests) when a source is newer. */
export function ensureCoreBuild() {
  const output = join(root, 'dist', 'broker-core', 'cli', 'mqnamesrv.js');
  if (!existsSync(output) || newestMtime(join(root, 'broker-core')) > statSync(output).mtimeMs) {
    run('npx tsc -p broker-core/tsconfig.build.json');
  }
}

/** Next.js production build when missing or older than any console or core source. */
export function ensureConsoleBuild() {
  const buildId = join(root, '.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'broker-core', 'public', 'instrumentation.ts', 'next.config.js', 'package-lock.json'];
  const newest = Math.max(...sources.map((source) => newestMtime(join(root, source))));
  if (!existsSync(buildId) || newest > statSync(buildId).mtimeMs) run('npx next build');
}

/** Debian's Chromium for Playwright; installed with apt-get when absent and we are root. */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing: install Debian\'s chromium package (apt-get install -y chromium) and rerun.');
    process.exit(1);
  }
  run('apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium');
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}
