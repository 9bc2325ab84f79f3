import { RETRY_GROUP_TOPIC_PREFIX } from '../../common/message/message-const';
import { computeTotalDiff } from '../../protocol/bodies/consume-stats';
import { newSubscriptionGroupConfig, type SubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config';
import { versionDescription } from '../../protocol/mq-version';
import type { ConsumerConnection } from '../../protocol/bodies/consumer-connection';
import type { ProducerInfo } from '../../protocol/bodies/producer-table-info';
import { getAllProducerInfo } from '../../client/admin/producer-info-admin';
import { messageQueueKey } from '../../client/message-queue';
import type { MQAdmin } from '../../client/admin/mq-admin';
import type { CommandSpec } from './command';
import { formatDateTime, frontStringAtLeast, javaFormat } from './java-format';

/** Consumer / producer group commands of mqadmin (tools/command/consumer, connection). */

export function subscriptionGroupConfigString(config: SubscriptionGroupConfig): string {
  return `SubscriptionGroupConfig [groupName=${config.groupName}, consumeEnable=${config.consumeEnable}, consumeFromMinEnable=${config.consumeFromMinEnable}, consumeBroadcastEnable=${config.consumeBroadcastEnable}, retryQueueNums=${config.retryQueueNums}, retryMaxTimes=${config.retryMaxTimes}, brokerId=${config.brokerId}, whichBrokerWhenConsumeSlowly=${config.whichBrokerWhenConsumeSlowly}, notifyConsumerIdsChangedEnable=${config.notifyConsumerIdsChangedEnable}]`;
}

export const updateSubGroup: CommandSpec = {
  name: 'updateSubGroup',
  description: 'Update or create subscription group',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'create subscription group to which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'create subscription group to which cluster' },
    { short: 'g', long: 'groupName', hasArg: true, required: true, description: 'consumer group name' },
    { short: 's', long: 'consumeEnable', hasArg: true, description: 'consume enable' },
    { short: 'm', long: 'consumeFromMinEnable', hasArg: true, description: 'from min offset' },
    { short: 'd', long: 'consumeBroadcastEnable', hasArg: true, description: 'broadcast' },
    { short: 'q', long: 'retryQueueNums', hasArg: true, description: 'retry queue nums' },
    { short: 'r', long: 'retryMaxTimes', hasArg: true, description: 'retry max times' },
    { short: 'i', long: 'brokerId', hasArg: true, description: 'consumer from which broker id' },
    { short: 'w', long: 'whichBrokerWhenConsumeSlowly', hasArg: true, description: 'which broker id when consume slowly' },
    { short: 'a', long: 'notifyConsumerIdsChanged', hasArg: true, description: 'notify consumerId changed' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    // As upstream: broadcast and from-min default to false when created from the command line.
    const config = newSubscriptionGroupConfig(options.require('g'), {
      consumeEnable: options.bool('s', true),
      consumeFromMinEnable: options.bool('m', false),
      consumeBroadcastEnable: options.bool('d', false),
      retryQueueNums: options.int('q', 1),
      retryMaxTimes: options.int('r', 16),
      brokerId: options.int('i', 0),
      whichBrokerWhenConsumeSlowly: options.int('w', 1),
      notifyConsumerIdsChangedEnable: options.bool('a', true),
    });
    const brokerAddr = options.get('b');
    const addrs = await admin().createOrUpdateSubscriptionGroup(config, brokerAddr ? { brokerAddr } : { clusterName: options.require('c') });
    for (const addr of addrs) output.out(javaFormat('create subscription group to %s success.%n', addr));
    output.out(`${subscriptionGroupConfigString(config)}\n`);
  },
};

export const deleteSubGroup: CommandSpec = {
  name: 'deleteSubGroup',
  description: 'Delete subscription group from broker.',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'delete subscription group from which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'delete subscription group from which cluster' },
    { short: 'g', long: 'groupName', hasArg: true, required: true, description: 'subscription group name' },
    { short: 'r', long: 'removeOffset', hasArg: true, description: 'remove offset' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const group = options.require('g');
    const removeOffset = options.bool('r', false);
    const brokerAddr = options.get('b');
    if (brokerAddr) {
      await admin().deleteSubscriptionGroup(group, { brokerAddr }, removeOffset);
      output.out(javaFormat('delete subscription group [%s] from broker [%s] success.%n', group, brokerAddr));
      return;
    }
    const clusterName = options.require('c');
    const addrs = await admin().deleteSubscriptionGroup(group, { clusterName }, removeOffset);
    for (const addr of addrs) {
      output.out(javaFormat('delete subscription group [%s] from broker [%s] in cluster [%s] success.%n', group, addr, clusterName));
    }
  },
};

async function allocationByQueue(admin: MQAdmin, group: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const connection = await admin.examineConsumerConnectionInfo(group);
  for (const client of connection.connectionSet) {
    const info = await admin.getConsumerRunningInfo(group, client.clientId).catch(() => undefined);
    const ip = client.clientId.split('@')[0];
    for (const entry of info?.mqTable ?? []) result.set(messageQueueKey(entry.messageQueue), ip);
  }
  return result;
}

export const consumerProgress: CommandSpec = {
  name: 'consumerProgress',
  description: "Query consumers's progress, speed",
  options: [
    { short: 'g', long: 'groupName', hasArg: true, description: 'consumer group name' },
    { short: 's', long: 'showClientIP', hasArg: true, description: 'Show Client IP per Queue' },
  ],
  async run({ options, output, admin }) {
    const group = options.get('g');
    if (group === undefined) {
      await printAllGroups(admin(), output.out);
      return;
    }
    const showClientIP = options.get('s')?.toLowerCase() === 'true';
    const stats = await admin().examineConsumeStats(group);
    const clients = showClientIP ? await allocationByQueue(admin(), group).catch(() => new Map<string, string>()) : undefined;
    if (clients) {
      output.out(javaFormat('%-64s  %-32s  %-4s  %-20s  %-20s  %-20s %-20s  %s%n', '#Topic', '#Broker Name', '#QID', '#Broker Offset', '#Consumer Offset', '#Client IP', '#Diff', '#LastTime'));
    } else {
      output.out(javaFormat('%-64s  %-32s  %-4s  %-20s  %-20s  %-20s  %s%n', '#Topic', '#Broker Name', '#QID', '#Broker Offset', '#Consumer Offset', '#Diff', '#LastTime'));
    }
    let diffTotal = 0;
    for (const { messageQueue: mq, value } of stats.offsetTable) {
      const diff = value.brokerOffset - value.consumerOffset;
      diffTotal += diff;
      const lastTime = value.lastTimestamp === 0 ? 'N/A' : formatDateTime(value.lastTimestamp);
      const topic = frontStringAtLeast(mq.topic, 64);
      const brokerName = frontStringAtLeast(mq.brokerName, 32);
      if (clients) {
        const ip = clients.get(messageQueueKey(mq)) ?? 'N/A';
        output.out(javaFormat('%-64s  %-32s  %-4d  %-20d  %-20d  %-20s %-20d  %s%n', topic, brokerName, mq.queueId, value.brokerOffset, value.consumerOffset, ip, diff, lastTime));
      } else {
        output.out(javaFormat('%-64s  %-32s  %-4d  %-20d  %-20d  %-20d  %s%n', topic, brokerName, mq.queueId, value.brokerOffset, value.consumerOffset, diff, lastTime));
      }
    }
    output.out('\n');
    output.out(javaFormat('Consume TPS: %.2f%n', stats.consumeTps));
    output.out(javaFormat('Diff Total: %d%n', diffTotal));
  },
};

async function printAllGroups(admin: MQAdmin, out: (text: string) => void): Promise<void> {
  out(javaFormat('%-64s  %-6s  %-24s %-5s  %-14s  %-7s  %s%n', '#Group', '#Count', '#Version', '#Type', '#Model', '#TPS', '#Diff Total'));
  for (const topic of await admin.fetchAllTopicList()) {
    if (!topic.startsWith(RETRY_GROUP_TOPIC_PREFIX)) continue;
    const group = topic.slice(RETRY_GROUP_TOPIC_PREFIX.length);
    const stats = await admin.examineConsumeStats(group).catch(() => undefined);
    const connection: ConsumerConnection | undefined = await admin.examineConsumerConnectionInfo(group).catch(() => undefined);
    const count = connection?.connectionSet.length ?? 0;
    const minVersion = count > 0 ? Math.min(...(connection?.connectionSet ?? []).map((client) => client.version)) : 0;
    const passive = connection?.consumeType === 'CONSUME_PASSIVELY';
    out(
      javaFormat(
        '%-64s  %-6d  %-24s %-5s  %-14s  %-7d  %d%n',
        frontStringAtLeast(group, 64),
        count,
        count > 0 ? versionDescription(minVersion) : 'OFFLINE',
        count > 0 ? (passive ? 'PUSH' : 'PULL') : '',
        count > 0 && passive ? (connection?.messageModel ?? '') : '',
        Math.trunc(stats?.consumeTps ?? 0),
        stats ? computeTotalDiff(stats) : 0,
      ),
    );
  }
}

export const consumerConnection: CommandSpec = {
  name: 'consumerConnection',
  description: "Query consumer's socket connection, client version and subscription",
  options: [
    { short: 'g', long: 'consumerGroup', hasArg: true, required: true, description: 'consumer group name' },
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'broker address' },
  ],
  async run({ options, output, admin }) {
    const connection = await admin().examineConsumerConnectionInfo(options.require('g'), options.get('b'));
    output.out(javaFormat('%-36s %-22s %-10s %s%n', '#ClientId', '#ClientAddr', '#Language', '#Version'));
    for (const client of connection.connectionSet) {
      output.out(javaFormat('%-36s %-22s %-10s %s%n', client.clientId, client.clientAddr, client.language, versionDescription(client.version)));
    }
    output.out('\nBelow is subscription:\n');
    output.out(javaFormat('%-20s %s%n', '#Topic', '#SubExpression'));
    for (const subscription of Object.values(connection.subscriptionTable)) {
      output.out(javaFormat('%-20s %s%n', subscription.topic, subscription.subString));
    }
    output.out('\n');
    output.out(javaFormat('ConsumeType: %s%n', connection.consumeType));
    output.out(javaFormat('MessageModel: %s%n', connection.messageModel));
    output.out(javaFormat('ConsumeFromWhere: %s%n', connection.consumeFromWhere));
  },
};

export const producerConnection: CommandSpec = {
  name: 'producerConnection',
  description: "Query producer's socket connection and client version",
  options: [
    { short: 'g', long: 'producerGroup', hasArg: true, required: true, description: 'producer group name' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
  ],
  async run({ options, output, admin }) {
    const connection = await admin().examineProducerConnectionInfo(options.require('g'), options.require('t'));
    connection.connectionSet.forEach((client, i) => {
      output.out(javaFormat('%04d  %-32s %-22s %-8s %s%n', i + 1, client.clientId, client.clientAddr, client.language, versionDescription(client.version)));
    });
  },
};

/** Java ProducerInfo.toString (5.x). */
function producerInfoString(info: ProducerInfo): string {
  return `clientId=${info.clientId},remoteIP=${info.remoteIP}, language=${info.language}, version=${info.version}, lastUpdateTimestamp=${info.lastUpdateTimestamp}`;
}

/** mqadmin producer (tools/command/producer): every producer group on one broker with its instances (5.x brokers). */
export const producerCommand: CommandSpec = {
  name: 'producer',
  description: "Query producer's instances, connection, status, etc.",
  options: [{ short: 'b', long: 'broker', hasArg: true, required: true, description: 'broker address' }],
  async run({ options, output, admin }) {
    const groups = await getAllProducerInfo(admin().remoting, options.require('b'), admin().timeoutMs);
    for (const [group, instances] of groups) {
      if (instances.length === 0) output.out(javaFormat('producer group (%s) instances are empty\n', group));
      for (const info of instances) output.out(javaFormat('producer group (%s) instance : %s\n', group, producerInfoString(info)));
    }
  },
};
