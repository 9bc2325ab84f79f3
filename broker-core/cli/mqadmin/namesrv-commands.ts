import type { CommandSpec } from './command';

/** Nameserver KV commands of mqadmin (tools/command/namesrv). */
export const updateKvConfig: CommandSpec = {
  name: 'updateKvConfig',
  description: 'Create or update KV config.',
  options: [
    { short: 's', long: 'namespace', hasArg: true, required: true, description: 'set the namespace' },
    { short: 'k', long: 'key', hasArg: true, required: true, description: 'set the key name' },
    { short: 'v', long: 'value', hasArg: true, required: true, description: 'set the key value' },
  ],
  async run({ options, output, admin }) {
    await admin().putKvConfig(options.require('s'), options.require('k'), options.require('v'));
    output.out('create or update kv config to namespace success.\n');
  },
};

export const deleteKvConfig: CommandSpec = {
  name: 'deleteKvConfig',
  description: 'Delete KV config.',
  options: [
    { short: 's', long: 'namespace', hasArg: true, required: true, description: 'set the namespace' },
    { short: 'k', long: 'key', hasArg: true, required: true, description: 'set the key name' },
  ],
  async run({ options, output, admin }) {
    await admin().deleteKvConfig(options.require('s'), options.require('k'));
    output.out('delete kv config from namespace success.\n');
  },
};
