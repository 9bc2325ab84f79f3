// `npm run bench [-- name-filter]`: runs broker-core/bench/*.bench.ts (compiled to dist/) one process each and
// writes BENCHMARKS.md. Sections of modules not run this time are kept from the previous file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureCoreBuild, ensureDependencies, root } from './setup.mjs';

ensureDependencies();
ensureCoreBuild();

const filter = process.argv[2] ?? '';
const benchDir = join(root, 'dist', 'broker-core', 'bench');
const modules = readdirSync(benchDir).filter((file) => file.endsWith('.bench.js') && file.includes(filter)).sort();
const resultsPath = join(root, '.data', 'bench-results.json');
const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};

for (const file of modules) {
  const name = file.replace(/\.bench\.js$/, '');
  console.log(`\n▶ bench ${name}`);
  const runner = `require(${JSON.stringify(join(benchDir, file))}).run().then((section) => process.stdout.write('\\n@@BENCH@@' + JSON.stringify(section)), (error) => { console.error(error); process.exit(1); })`;
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', runner], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  const marker = child.stdout.lastIndexOf('@@BENCH@@');
  process.stdout.write(marker >= 0 ? child.stdout.slice(0, marker) : child.stdout);
  if (child.status !== 0 || marker < 0) {
    console.error(`✖ bench ${name} failed`);
    process.exitCode = 1;
    continue;
  }
  results[name] = { ...JSON.parse(child.stdout.slice(marker + 9)), ranAt: new Date().toISOString() };
}

writeFileSync(resultsPath, JSON.stringify(results, null, 2));
writeFileSync(join(root, 'BENCHMARKS.md'), render(results));
console.log('\nwrote BENCHMARKS.md');

function render(all) {
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (one section: `npm run bench -- <name>`). Medians of repeated runs on a shared, noisy',
    `machine (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}); compare ratios measured in the same run`,
    'rather than absolute numbers across runs.',
    '',
  ];
  for (const name of Object.keys(all).sort()) {
    const section = all[name];
    lines.push(`## ${section.title}`, '', `Command: \`npm run bench -- ${name}\` (run ${section.ranAt}).`, '', section.description, '');
    lines.push('| Metric | Value | Target | Met |', '|---|---|---|---|');
    for (const row of section.rows) {
      const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
      lines.push(`| ${row.metric} | ${row.value} ${row.unit}${row.note ? ` (${row.note})` : ''} | ${row.target ?? ''} | ${met} |`);
    }
    if (section.notes?.length) lines.push('', ...section.notes.map((note) => `- ${note}`));
    lines.push('');
  }
  return lines.join('\n');
}
