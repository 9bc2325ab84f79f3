import { DLQ_GROUP_TOPIC_PREFIX, RETRY_GROUP_TOPIC_PREFIX } from '../../common/message/message-const';
import { newTopicConfig, PERM_READ, PERM_WRITE, permToString, TopicSysFlag, type TopicConfig } from '../../protocol/bodies/topic-config';
import { MASTER_BROKER_ID, type QueueData } from '../../protocol/bodies/topic-route-data';
import { clusterOfBrokerName } from '../../client/admin/cluster-lookup';
import { UsageError, type CommandSpec } from './command';
import { frontStringAtLeast, humanTime2, javaFormat } from './java-format';

/** Topic commands of mqadmin (tools/command/topic/*), same options and output lines as upstream. */

export function topicConfigString(config: TopicConfig): string {
  return `TopicConfig [topicName=${config.topicName}, readQueueNums=${config.readQueueNums}, writeQueueNums=${config.writeQueueNums}, perm=${permToString(config.perm)}, topicFilterType=${config.topicFilterType}, topicSysFlag=${config.topicSysFlag}, order=${config.order}]`;
}

export const updateTopic: CommandSpec = {
  name: 'updateTopic',
  description: 'Update or create topic',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'create topic to which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'create topic to which cluster' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'r', long: 'readQueueNums', hasArg: true, description: 'set read queue nums' },
    { short: 'w', long: 'writeQueueNums', hasArg: true, description: 'set write queue nums' },
    { short: 'p', long: 'perm', hasArg: true, description: "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]" },
    { short: 'o', long: 'order', hasArg: true, description: "set topic's order(true|false)" },
    { short: 'u', long: 'unit', hasArg: true, description: 'is unit topic (true|false)' },
    { short: 's', long: 'hasUnitSub', hasArg: true, description: 'has unit sub (true|false)' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const unit = options.bool('u', false);
    const unitSub = options.bool('s', false);
    const config = newTopicConfig(options.require('t'), {
      readQueueNums: options.int('r', 8),
      writeQueueNums: options.int('w', 8),
      perm: options.int('p', 6),
      topicSysFlag: (unit ? TopicSysFlag.UNIT : 0) | (unitSub ? TopicSysFlag.UNIT_SUB : 0),
      order: options.bool('o', false),
    });
    const brokerAddr = options.get('b');
    const target = brokerAddr ? { brokerAddr } : { clusterName: options.require('c') };
    const { addrs, orderConf } = await admin().createOrUpdateTopic(config, target);
    if (brokerAddr) {
      if (orderConf) output.out(`set broker orderConf. isOrder=true, orderConf=[${orderConf}]`);
      output.out(javaFormat('create topic to %s success.%n', brokerAddr));
    } else {
      for (const addr of addrs) output.out(javaFormat('create topic to %s success.%n', addr));
      if (orderConf) output.out(`set cluster orderConf. isOrder=true, orderConf=[${orderConf}]`);
    }
    output.out(`${topicConfigString(config)}\n`);
  },
};

/** The perms updateTopicPerm accepts: 2 (W), 4 (R), 6 (RW). */
const TOPIC_PERMS: readonly number[] = [PERM_WRITE, PERM_READ, PERM_READ | PERM_WRITE];

/** The topic as the route shows it, with the new perm (upstream builds a fresh TopicConfig the same way). */
function withPerm(topic: string, queueData: QueueData, perm: number): TopicConfig {
  return newTopicConfig(topic, { readQueueNums: queueData.readQueueNums, writeQueueNums: queueData.writeQueueNums, perm, topicSysFlag: queueData.topicSysFlag });
}

export const updateTopicPerm: CommandSpec = {
  name: 'updateTopicPerm',
  description: 'Update topic perm',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'create topic to which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'create topic to which cluster' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'p', long: 'perm', hasArg: true, required: true, description: "set topic's permission(2|4|6), intro[2:W; 4:R; 6:RW]" },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const topic = options.require('t');
    const perm = options.int('p');
    if (!TOPIC_PERMS.includes(perm)) throw new UsageError(`option -p expects 2 (W), 4 (R) or 6 (RW), got '${options.get('p')}'`);
    const route = await admin().examineTopicRouteInfo(topic);
    const first = route.queueDatas[0];
    if (!first) throw new Error(`the route of topic ${topic} has no queue data`);
    const brokerAddr = options.get('b');
    if (brokerAddr === undefined) {
      const config = withPerm(topic, first, perm);
      const { addrs } = await admin().createOrUpdateTopic(config, { clusterName: options.require('c') });
      for (const addr of addrs) output.out(javaFormat('update topic perm from %s to %s in %s success.%n', first.perm, perm, addr));
      return;
    }
    const brokerName = route.brokerDatas.find((data) => data.brokerAddrs[String(MASTER_BROKER_ID)] === brokerAddr)?.brokerName;
    if (brokerName === undefined) throw new Error(`broker ${brokerAddr} is not a master serving topic ${topic}`);
    // Upstream copies the queue numbers of the route's first broker; this broker's own are the ones to keep.
    const own = route.queueDatas.find((data) => data.brokerName === brokerName);
    const oldPerm = own?.perm ?? 0;
    if (perm === oldPerm) {
      output.out(javaFormat('new perm equals to the old one!%n'));
      return;
    }
    const config = withPerm(topic, own ?? first, perm);
    await admin().createOrUpdateTopic(config, { brokerAddr });
    output.out(javaFormat('update topic perm from %s to %s in %s success.%n', oldPerm, perm, brokerAddr));
    output.out(javaFormat('%s.%n', topicConfigString(config)));
  },
};

export const deleteTopic: CommandSpec = {
  name: 'deleteTopic',
  description: 'Delete topic from broker and NameServer.',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'c', long: 'clusterName', hasArg: true, required: true, description: 'delete topic from which cluster' },
  ],
  async run({ options, output, admin }) {
    const topic = options.require('t');
    const clusterName = options.require('c');
    await admin().deleteTopic(topic, clusterName);
    output.out(javaFormat('delete topic [%s] from cluster [%s] success.%n', topic, clusterName));
    output.out(javaFormat('delete topic [%s] from NameServer success.%n', topic));
  },
};

export const topicList: CommandSpec = {
  name: 'topicList',
  description: 'Fetch all topic list from name server',
  options: [{ short: 'c', long: 'clusterModel', hasArg: false, description: 'clusterModel' }],
  async run({ options, output, admin }) {
    const topics = await admin().fetchAllTopicList();
    if (!options.has('c')) {
      for (const topic of topics) output.out(javaFormat('%s%n', topic));
      return;
    }
    const info = await admin().examineBrokerClusterInfo();
    output.out(javaFormat('%-20s  %-48s  %-48s%n', '#Cluster Name', '#Topic', '#Consumer Group'));
    for (const topic of topics) {
      if (topic.startsWith(RETRY_GROUP_TOPIC_PREFIX) || topic.startsWith(DLQ_GROUP_TOPIC_PREFIX)) continue;
      let clusterName = '';
      let groups: string[] = [];
      try {
        const route = await admin().examineTopicRouteInfo(topic);
        clusterName = clusterOfBrokerName(info, route.brokerDatas[0]?.brokerName ?? '') ?? '';
        groups = await admin().queryTopicConsumeByWho(topic);
      } catch {
        // Upstream prints the topic without cluster / groups when it cannot find them.
      }
      for (const group of groups.length > 0 ? groups : ['']) {
        output.out(
          javaFormat('%-20s  %-64s  %-64s%n', frontStringAtLeast(clusterName, 20), frontStringAtLeast(topic, 64), frontStringAtLeast(group, 64)),
        );
      }
    }
  },
};

export const topicRoute: CommandSpec = {
  name: 'topicRoute',
  description: 'Examine topic route info',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'l', long: 'list', hasArg: false, description: 'Use list format to print data' },
  ],
  async run({ options, output, admin }) {
    const route = await admin().examineTopicRouteInfo(options.require('t'));
    if (!options.has('l')) {
      output.out(`${JSON.stringify(route, null, '\t')}\n`);
      return;
    }
    const format = '%-45s %-32s %-50s %-10s %-11s %-5s%n';
    output.out(javaFormat(format, '#ClusterName', '#BrokerName', '#BrokerAddrs', '#ReadQueue', '#WriteQueue', '#Perm'));
    let read = 0;
    let write = 0;
    const brokers = [...route.brokerDatas].sort((a, b) => a.brokerName.localeCompare(b.brokerName));
    for (const data of brokers) {
      const queue = route.queueDatas.find((item) => item.brokerName === data.brokerName);
      if (!queue) continue;
      read += queue.readQueueNums;
      write += queue.writeQueueNums;
      const addrs = `{${Object.entries(data.brokerAddrs).map(([id, addr]) => `${id}=${addr}`).join(', ')}}`;
      output.out(javaFormat(format, data.cluster, data.brokerName, addrs, queue.readQueueNums, queue.writeQueueNums, queue.perm));
    }
    output.out(`${'-'.repeat(158)}\n`);
    output.out(javaFormat(format, 'Total:', new Set(route.queueDatas.map((queue) => queue.brokerName)).size, '', read, write, ''));
  },
};

export const topicStatus: CommandSpec = {
  name: 'topicStatus',
  description: 'Examine topic Status info',
  options: [{ short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' }],
  async run({ options, output, admin }) {
    const stats = await admin().examineTopicStats(options.require('t'));
    output.out(javaFormat('%-32s  %-4s  %-20s  %-20s    %s%n', '#Broker Name', '#QID', '#Min Offset', '#Max Offset', '#Last Updated'));
    for (const { messageQueue, value } of stats.offsetTable) {
      output.out(
        javaFormat(
          '%-32s  %-4d  %-20d  %-20d    %s%n',
          frontStringAtLeast(messageQueue.brokerName, 32),
          messageQueue.queueId,
          value.minOffset,
          value.maxOffset,
          value.lastUpdateTimestamp > 0 ? humanTime2(value.lastUpdateTimestamp) : '',
        ),
      );
    }
  },
};

export const topicClusterList: CommandSpec = {
  name: 'topicClusterList',
  description: 'get cluster info for topic',
  options: [{ short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' }],
  async run({ options, output, admin }) {
    for (const cluster of await admin().topicClusterList(options.require('t'))) output.out(javaFormat('%s%n', cluster));
  },
};
