import { MQAdmin } from '../client/admin/mq-admin';
import { toolsCredentials } from './mqadmin/tools-credentials';
import { ACL_COMMANDS } from './mqadmin/acl-commands';
import { parseNamesrvAddr } from '../client/namesrv-address';
import { brokerConsumeStats, brokerStatus, clusterList, getBrokerConfig, updateBrokerConfig } from './mqadmin/broker-commands';
import { formatUsage, parseOptions, UsageError, type CommandOutput, type CommandSpec } from './mqadmin/command';
import { consumerConnection, consumerProgress, deleteSubGroup, producerCommand, producerConnection, updateSubGroup } from './mqadmin/group-commands';
import { javaFormat } from './mqadmin/java-format';
import {
  consumeMessage,
  decodeMessageId,
  queryMsgById,
  queryMsgByKey,
  queryMsgByOffset,
  queryMsgByUniqueKey,
  sendMessage,
} from './mqadmin/message-commands';
import {
  addWritePerm,
  deleteKvConfig,
  getNamesrvConfig,
  updateKvConfig,
  updateNamesrvConfig,
  wipeWritePerm,
} from './mqadmin/namesrv-commands';
import { resetOffsetByTimeCommand } from './mqadmin/offset-commands';
import { deleteTopic, topicClusterList, topicList, topicRoute, topicStatus, updateTopic, updateTopicPerm } from './mqadmin/topic-commands';

/**
 * `mqadmin <command> [-n namesrvAddr] [options]` (spec/config.md §6): Apache RocketMQ's admin tool, same command
 * names, options and output columns (each command's file cites the upstream class it follows). The nameserver comes
 * from `-n` or NAMESRV_ADDR. `mqadmin` alone lists the commands, `mqadmin help <command>` or `<command> -h` shows
 * its options. Exit code 0 on success; 1 with a one-line reason on stderr for bad usage or a failed request.
 */
export const COMMANDS: readonly CommandSpec[] = [
  updateTopic,
  updateTopicPerm,
  deleteTopic,
  topicList,
  topicRoute,
  topicStatus,
  topicClusterList,
  updateSubGroup,
  deleteSubGroup,
  consumerProgress,
  consumerConnection,
  producerConnection,
  producerCommand,
  clusterList,
  brokerStatus,
  brokerConsumeStats,
  getBrokerConfig,
  updateBrokerConfig,
  queryMsgById,
  queryMsgByKey,
  queryMsgByUniqueKey,
  queryMsgByOffset,
  resetOffsetByTimeCommand,
  sendMessage,
  consumeMessage,
  updateKvConfig,
  deleteKvConfig,
  wipeWritePerm,
  addWritePerm,
  getNamesrvConfig,
  updateNamesrvConfig,
  decodeMessageId,
  ...ACL_COMMANDS,
];

const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function commandList(): string {
  const lines = ['The most commonly used mqadmin commands are:'];
  for (const command of COMMANDS) lines.push(javaFormat('   %-25s %s', command.name, command.description));
  lines.push('', "See 'mqadmin help <command>' for more information on a specific command.", '');
  return lines.join('\n');
}

/** Runs one invocation; resolves with the exit code. Output goes to `output` so tests can run it in-process. */
export async function runMqadmin(
  argv: readonly string[],
  output: CommandOutput = processOutput,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    output.out(commandList());
    return 0;
  }
  if (name === 'help') {
    const target = COMMANDS.find((command) => command.name === rest[0]);
    if (!target) {
      output.err(rest[0] ? `The sub command ${rest[0]} not exist.\n` : commandList());
      return rest[0] ? 1 : 0;
    }
    output.out(`${formatUsage(target)}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    output.err(`mqadmin: the sub command ${name} not exist.\n${commandList()}`);
    return 1;
  }
  let admin: MQAdmin | undefined;
  try {
    const options = parseOptions(command, rest);
    if (options.has('h')) {
      output.out(`${formatUsage(command)}\n`);
      return 0;
    }
    const namesrvAddr = (): string => {
      const addr = options.get('n') ?? env.NAMESRV_ADDR;
      if (!addr) throw new UsageError('no nameserver address: use -n host:port or set NAMESRV_ADDR');
      parseNamesrvAddr(addr);
      return addr;
    };
    if (command.needsNamesrv !== false) namesrvAddr();
    await command.run({
      options,
      output,
      namesrvAddr,
      admin: () => (admin ??= new MQAdmin({ namesrvAddr: namesrvAddr(), ...toolsCredentials(env) })),
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`mqadmin ${name}: ${error.message}\n${formatUsage(command)}\n`);
    } else {
      output.err(`mqadmin ${name}: ${command.name} command failed: ${(error as Error).message}\n`);
    }
    return 1;
  } finally {
    await admin?.close();
  }
}

/** Entry point of bin/mqadmin.js. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await runMqadmin(argv);
}
