#!/usr/bin/env node
require('./run-cli')('mqadmin');
