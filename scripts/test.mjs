// `npm test`: everything, on a fresh clone too. Extra arguments go to vitest (e.g. `npm test -- store`).
import { ensureChromium, ensureConsoleBuild, ensureCoreBuild, ensureDependencies, run } from './setup.mjs';

const onlyUnit = process.argv.includes('--unit');
const extra = process.argv.slice(2).filter((arg) => arg !== '--unit');

ensureDependencies();
ensureCoreBuild();
if (extra.length === 0) {
  run('npx tsc --noEmit');
  run('npx eslint . --max-warnings=0');
}
run(`npx vitest run ${extra.join(' ')}`);
if (!onlyUnit && extra.length === 0) {
  ensureChromium();
  ensureConsoleBuild();
  run('npx playwright test');
}
console.log('\n✔ all tests passed');
