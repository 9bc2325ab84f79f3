#!/usr/bin/env node
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./run-cli')('mqadmin');
