import { allAddrsOfCluster, masterAddrsOfCluster } from '../../client/admin/cluster-lookup';
import {
  createOrUpdateAccessConfig,
  deleteAccessConfig,
  getBrokerAclVersion,
  updateGlobalWhiteAddrs,
  type AccessConfigInput,
} from '../../client/broker-admin';
import type { CommandContext, CommandSpec, OptionSpec } from './command';
import { formatDateTime, javaFormat } from './java-format';

/** ACL 1.0 commands of mqadmin (tools/command/acl): accounts and global white addresses kept in brokers' plain_acl.yml. */

const target = (what: string): OptionSpec[] => [
  { short: 'b', long: 'brokerAddr', hasArg: true, description: `${what} which broker` },
  { short: 'c', long: 'clusterName', hasArg: true, description: `${what} which cluster` },
];

/** -b, or the brokers of -c: masters only, or masters and slaves (updateAclConfig writes every broker's file). */
async function targetAddrs({ options, admin }: CommandContext, withSlaves = false): Promise<string[]> {
  const brokerAddr = options.get('b');
  if (brokerAddr) return [brokerAddr];
  const info = await admin().examineBrokerClusterInfo();
  const clusterName = options.require('c');
  return withSlaves ? allAddrsOfCluster(info, clusterName) : masterAddrsOfCluster(info, clusterName);
}

const splitList = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : text.split(',').filter((item) => item.trim() !== '');

/** Java PlainAccessConfig#toString (no secret key). */
function accessConfigString(config: AccessConfigInput): string {
  const list = (items: readonly string[] | undefined) => (items ? `[${items.join(', ')}]` : 'null');
  return (
    `PlainAccessConfig{accessKey='${config.accessKey}', whiteRemoteAddress='${config.whiteRemoteAddress ?? null}', admin=${config.admin ?? false}` +
    `, defaultTopicPerm='${config.defaultTopicPerm ?? null}', defaultGroupPerm='${config.defaultGroupPerm ?? null}'` +
    `, topicPerms=${list(config.topicPerms)}, groupPerms=${list(config.groupPerms)}}`
  );
}

export const updateAclConfig: CommandSpec = {
  name: 'updateAclConfig',
  description: 'Update acl config yaml file in broker.',
  options: [
    ...target('update acl config file to'),
    { short: 'a', long: 'accessKey', hasArg: true, required: true, description: 'set accessKey in acl config file' },
    { short: 's', long: 'secretKey', hasArg: true, required: true, description: 'set secretKey in acl config file' },
    { short: 'w', long: 'whiteRemoteAddress', hasArg: true, description: 'set white ip Address for account in acl config file' },
    { short: 'i', long: 'defaultTopicPerm', hasArg: true, description: 'set default topicPerm in acl config file' },
    { short: 'u', long: 'defaultGroupPerm', hasArg: true, description: 'set default GroupPerm in acl config file' },
    { short: 't', long: 'topicPerms', hasArg: true, description: 'set topicPerms list,eg: topicA=DENY,topicD=SUB' },
    { short: 'g', long: 'groupPerms', hasArg: true, description: 'set groupPerms list,eg: groupD=DENY,groupD=SUB' },
    { short: 'm', long: 'admin', hasArg: true, description: 'set admin flag in acl config file' },
  ],
  requiredOneOf: [['b', 'c']],
  async run(context) {
    const { options, output, admin } = context;
    const config: AccessConfigInput = {
      accessKey: options.require('a'),
      secretKey: options.require('s'),
      whiteRemoteAddress: options.get('w'),
      defaultTopicPerm: options.get('i'),
      defaultGroupPerm: options.get('u'),
      topicPerms: splitList(options.get('t')),
      groupPerms: splitList(options.get('g')),
      // Java Boolean.parseBoolean: only "true" (any case) is true.
      admin: options.has('m') ? options.get('m')?.toLowerCase() === 'true' : undefined,
    };
    for (const addr of await targetAddrs(context, true)) {
      await createOrUpdateAccessConfig(admin().remoting, addr, config);
      output.out(javaFormat('create or update plain access config to %s success.%n', addr));
    }
    output.out(accessConfigString(config));
  },
};

export const deleteAccessConfigCommand: CommandSpec = {
  name: 'deleteAccessConfig',
  description: 'Delete Acl Config Account in broker',
  options: [
    ...target('delete acl config account to'),
    { short: 'a', long: 'accessKey', hasArg: true, required: true, description: 'set accessKey in acl config file for deleting which account' },
  ],
  requiredOneOf: [['b', 'c']],
  async run(context) {
    const { options, output, admin } = context;
    const accessKey = options.require('a');
    for (const addr of await targetAddrs(context)) {
      await deleteAccessConfig(admin().remoting, addr, accessKey);
      output.out(javaFormat('delete plain access config account to %s success.%n', addr));
    }
    output.out(javaFormat("account's accesskey is:%s", accessKey));
  },
};

export const updateGlobalWhiteAddr: CommandSpec = {
  name: 'updateGlobalWhiteAddr',
  description: 'Update global white address for acl Config File in broker',
  options: [
    ...target('update global white address to'),
    { short: 'g', long: 'globalWhiteRemoteAddresses', hasArg: true, required: true, description: 'set globalWhiteRemoteAddress list,eg: 10.10.103.*,192.168.0.*' },
  ],
  requiredOneOf: [['b', 'c']],
  async run(context) {
    const { options, output, admin } = context;
    const addresses = splitList(options.require('g')) ?? [];
    for (const addr of await targetAddrs(context)) {
      await updateGlobalWhiteAddrs(admin().remoting, addr, addresses);
      output.out(javaFormat('update global white remote addresses to %s success.%n', addr));
    }
  },
};

export const clusterAclConfigVersion: CommandSpec = {
  name: 'clusterAclConfigVersion',
  description: 'List all of acl config version information in cluster',
  options: target('query acl config version for'),
  requiredOneOf: [['b', 'c']],
  async run(context) {
    const { options, output, admin } = context;
    const row = '%-16s  %-22s  %-22s  %-20s  %-22s  %-22s%n';
    const cluster = options.get('b') === undefined;
    if (cluster) output.out(javaFormat(row, '#Cluster Name', '#Broker Name', '#Broker Addr', '#AclFilePath', '#AclConfigVersionNum', '#AclLastUpdateTime'));
    for (const addr of await targetAddrs(context)) {
      const info = await getBrokerAclVersion(admin().remoting, addr);
      for (const [path, version] of Object.entries(info.allAclFileVersion)) {
        output.out(javaFormat(row, info.clusterName, info.brokerName, info.brokerAddr, path, String(version.counter), formatDateTime(version.timestamp)));
      }
      if (!cluster) output.out(javaFormat("get broker's plain access config version success. Address:%s %n", addr));
    }
    if (cluster) output.out(javaFormat("get cluster's plain access config version success.%n"));
  },
};

export const ACL_COMMANDS: readonly CommandSpec[] = [updateAclConfig, deleteAccessConfigCommand, clusterAclConfigVersion, updateGlobalWhiteAddr];
