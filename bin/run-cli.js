// Runs a compiled broker-core CLI from dist/, compiling broker-core first when dist/ is missing.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

module.exports = function runCli(name) {
  const root = join(__dirname, '..');
  const entry = join(root, 'dist', 'broker-core', 'cli', `${name}.js`);
  if (!existsSync(entry)) {
    process.stderr.write(`${name}: compiling broker-core (first run)...\n`);
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'broker-core', 'tsconfig.build.json')], {
      stdio: 'inherit',
    });
  }
  require(entry).main(process.argv.slice(2));
};
