import { NamesrvClient } from '../../client/namesrv-client';
import type { CommandContext, CommandSpec } from './command';
import { javaFormat } from './java-format';

/** Nameserver commands of mqadmin (tools/command/namesrv): KV config, write permission of a broker, configuration. */
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

/**
 * Asks each nameserver of -n on its own, as upstream does, so one unreachable nameserver still gets its "Failed" line
 * while the others are changed. Upstream then exits 0 after a stack trace; we exit 1 naming the failed nameservers.
 */
async function changeWritePermOnEach({ options, output, admin }: CommandContext, change: 'wipe' | 'add'): Promise<void> {
  const brokerName = options.require('b');
  const failed: string[] = [];
  for (const namesrvAddr of admin().namesrvAddrs) {
    const single = new NamesrvClient(admin().remoting, [namesrvAddr], { timeoutMs: admin().timeoutMs });
    try {
      const counts = change === 'wipe' ? await single.wipeWritePermOfBroker(brokerName) : await single.addWritePermOfBroker(brokerName);
      output.out(javaFormat(`${change} write perm of broker[%s] in name server[%s] OK, %d%n`, brokerName, namesrvAddr, counts[namesrvAddr]));
    } catch (error) {
      output.out(javaFormat(`${change} write perm of broker[%s] in name server[%s] Failed%n`, brokerName, namesrvAddr));
      failed.push(`${namesrvAddr} (${(error as Error).message})`);
    }
  }
  if (failed.length > 0) throw new Error(`${change} write perm of broker[${brokerName}] failed in name server ${failed.join(', ')}`);
}

export const wipeWritePerm: CommandSpec = {
  name: 'wipeWritePerm',
  description: 'Wipe write perm of broker in all name server',
  options: [{ short: 'b', long: 'brokerName', hasArg: true, required: true, description: 'broker name' }],
  run: (context) => changeWritePermOnEach(context, 'wipe'),
};

export const addWritePerm: CommandSpec = {
  name: 'addWritePerm',
  description: 'Add write perm of broker in all name server you defined in the -n param.',
  options: [{ short: 'b', long: 'brokerName', hasArg: true, required: true, description: 'broker name' }],
  run: (context) => changeWritePermOnEach(context, 'add'),
};

export const getNamesrvConfig: CommandSpec = {
  name: 'getNamesrvConfig',
  description: 'Get configs of name server.',
  options: [],
  async run({ output, admin }) {
    // Upstream prints Properties in hash order; sorted keys read better and stay stable.
    for (const [server, config] of Object.entries(await admin().getNamesrvConfig())) {
      output.out(javaFormat('============%s============\n', server));
      for (const key of Object.keys(config).sort()) output.out(javaFormat('%-50s=  %s\n', key, config[key]));
    }
  },
};

export const updateNamesrvConfig: CommandSpec = {
  name: 'updateNamesrvConfig',
  description: 'Update configs of name server.',
  options: [
    { short: 'k', long: 'key', hasArg: true, required: true, description: 'config key' },
    { short: 'v', long: 'value', hasArg: true, required: true, description: 'config value' },
  ],
  async run({ options, output, admin }) {
    const key = options.require('k');
    const value = options.require('v');
    await admin().updateNamesrvConfig({ [key]: value });
    // Upstream shows the -n list as a Java List ("[a, b]"), or nothing when the address came from NAMESRV_ADDR.
    const servers = options.get('n');
    const serverList = servers ? `[${servers.split(';').join(', ')}]` : '';
    output.out(javaFormat('update name server config success!%s\n%s : %s\n', serverList, key, value));
  },
};
