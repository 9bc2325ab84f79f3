import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Compiles broker-core/store (and what it imports) to CommonJS under `.data/store-test-build/` for child processes,
 * which cannot load TypeScript. Only this module graph is compiled, so the child never runs a stale or half-edited
 * dist/ of other areas. Rebuilt when any source under store/ or common/ is newer than the output.
 */
const repoRoot = resolve(__dirname, '..', '..', '..');
const outDir = join(repoRoot, '.data', 'store-test-build');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureCompiledStore(): string {
  const marker = join(outDir, 'store', 'index.js');
  const sources = Math.max(newestSource(join(repoRoot, 'broker-core', 'store')), newestSource(join(repoRoot, 'broker-core', 'common')));
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) return outDir;
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(
    process.execPath,
    [tsc, '--outDir', outDir, '--rootDir', join(repoRoot, 'broker-core'), '--module', 'commonjs', '--moduleResolution', 'node10', '--target', 'ES2022', '--lib', 'ES2023', '--types', 'node', '--esModuleInterop', '--skipLibCheck', '--strict', join(repoRoot, 'broker-core', 'store', 'index.ts')],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  return outDir;
}
