import { allAddrsOfCluster, masterAddrsOfCluster } from '../../client/admin/cluster-lookup';
import type { MQAdmin } from '../../client/admin/mq-admin';
import { getBrokerConsumeStats } from '../../client/broker-admin';
import { compareMessageQueues } from '../../client/message-queue';
import type { ClusterInfo } from '../../protocol/bodies/cluster-info';
import type { CommandSpec } from './command';
import { formatDateTime, frontStringAtLeast, javaFormat } from './java-format';

/** Cluster and broker commands of mqadmin (tools/command/cluster, broker). */

function brokerRows(info: ClusterInfo): Array<{ cluster: string; brokerName: string; brokerId: string; addr: string }> {
  const rows: Array<{ cluster: string; brokerName: string; brokerId: string; addr: string }> = [];
  for (const [cluster, names] of Object.entries(info.clusterAddrTable)) {
    for (const brokerName of [...names].sort()) {
      const data = info.brokerAddrTable[brokerName];
      if (!data) continue;
      const ids = Object.keys(data.brokerAddrs).sort((a, b) => Number(a) - Number(b));
      for (const id of ids) rows.push({ cluster, brokerName, brokerId: id, addr: data.brokerAddrs[id] });
    }
  }
  return rows;
}

function firstNumber(text: string | undefined): number {
  const value = Number((text ?? '').split(' ')[0]);
  return Number.isFinite(value) ? value : 0;
}

async function printBaseInfo(admin: MQAdmin, out: (text: string) => void): Promise<void> {
  const format = '%-16s  %-22s  %-4s  %-22s %-16s %19s %19s %10s %5s %6s%n';
  out(javaFormat(format, '#Cluster Name', '#Broker Name', '#BID', '#Addr', '#Version', '#InTPS(LOAD)', '#OutTPS(LOAD)', '#PCWait(ms)', '#Hour', '#SPACE'));
  for (const row of brokerRows(await admin.examineBrokerClusterInfo())) {
    const table = await admin.brokerRuntimeInfo(row.addr).catch(() => ({}) as Record<string, string>);
    const earliest = table.earliestMessageTimeStamp;
    const hour = earliest ? (Date.now() - Number(earliest)) / 1000 / 60 / 60 : 0;
    const space = table.commitLogDiskRatio ? Number(table.commitLogDiskRatio) : 0;
    const out1 = table.getTransferedTps ?? table.getTransferredTps;
    out(
      javaFormat(
        format,
        row.cluster,
        row.brokerName,
        row.brokerId,
        row.addr,
        table.brokerVersionDesc ?? '',
        `${javaFormat('%9.2f', firstNumber(table.putTps))}(${table.sendThreadPoolQueueSize},${table.sendThreadPoolQueueHeadWaitTimeMills}ms)`,
        `${javaFormat('%9.2f', firstNumber(out1))}(${table.pullThreadPoolQueueSize},${table.pullThreadPoolQueueHeadWaitTimeMills}ms)`,
        table.pageCacheLockTimeMills,
        javaFormat('%.2f', hour),
        javaFormat('%.4f', space),
      ),
    );
  }
}

async function printMoreStats(admin: MQAdmin, out: (text: string) => void): Promise<void> {
  out(javaFormat('%-16s  %-32s %14s %14s %14s %14s%n', '#Cluster Name', '#Broker Name', '#InTotalYest', '#OutTotalYest', '#InTotalToday', '#OutTotalToday'));
  for (const row of brokerRows(await admin.examineBrokerClusterInfo())) {
    const t = await admin.brokerRuntimeInfo(row.addr).catch(() => ({}) as Record<string, string>);
    const n = (key: string) => Number(t[key] ?? 0);
    out(
      javaFormat(
        '%-16s  %-32s %14d %14d %14d %14d%n',
        row.cluster,
        row.brokerName,
        n('msgPutTotalTodayMorning') - n('msgPutTotalYesterdayMorning'),
        n('msgGetTotalTodayMorning') - n('msgGetTotalYesterdayMorning'),
        n('msgPutTotalTodayNow') - n('msgPutTotalTodayMorning'),
        n('msgGetTotalTodayNow') - n('msgGetTotalTodayMorning'),
      ),
    );
  }
}

export const clusterList: CommandSpec = {
  name: 'clusterList',
  description: 'List all of clusters',
  options: [
    { short: 'm', long: 'moreStats', hasArg: false, description: 'Print more stats' },
    { short: 'i', long: 'interval', hasArg: true, description: 'specify intervals numbers, it is in seconds' },
  ],
  async run({ options, output, admin }) {
    const interval = options.get('i') === undefined ? undefined : options.int('i') * 1000;
    for (let round = 0; ; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, interval));
      if (options.has('m')) await printMoreStats(admin(), output.out);
      else await printBaseInfo(admin(), output.out);
      if (interval === undefined) return;
    }
  },
};

export const brokerStatus: CommandSpec = {
  name: 'brokerStatus',
  description: 'Fetch broker runtime status data',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'Broker address' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'which cluster' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const brokerAddr = options.get('b');
    const addrs = brokerAddr ? [brokerAddr] : allAddrsOfCluster(await admin().examineBrokerClusterInfo(), options.require('c'));
    for (const addr of addrs) {
      const table = await admin().brokerRuntimeInfo(addr);
      for (const key of Object.keys(table).sort()) {
        if (brokerAddr) output.out(javaFormat('%-32s: %s%n', key, table[key]));
        else output.out(javaFormat('%-24s %-32s: %s%n', addr, key, table[key]));
      }
    }
  },
};

/**
 * Every group's offsets on one broker, queue by queue. As upstream: queues whose diff is below -l are skipped, and so
 * are queues never consumed (no last consume time), while Diff Total stays the broker's total over all of them.
 */
export const brokerConsumeStats: CommandSpec = {
  name: 'brokerConsumeStats',
  description: 'Fetch broker consume stats data',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, required: true, description: 'Broker address' },
    { short: 't', long: 'timeoutMillis', hasArg: true, description: 'request timeout Millis' },
    { short: 'l', long: 'level', hasArg: true, description: 'threshold of print diff' },
    { short: 'o', long: 'order', hasArg: true, description: 'order topic' },
  ],
  async run({ options, output, admin }) {
    const isOrder = options.bool('o', false);
    const timeoutMs = options.int('t', 50_000);
    const diffLevel = options.int('l', 0);
    const list = await getBrokerConsumeStats(admin().remoting, options.require('b'), isOrder, timeoutMs);
    output.out(javaFormat('%-64s  %-64s  %-32s  %-4s  %-20s  %-20s  %-20s  %s%n', '#Topic', '#Group', '#Broker Name', '#QID', '#Broker Offset', '#Consumer Offset', '#Diff', '#LastTime'));
    for (const groups of list.consumeStatsList) {
      for (const [group, statsOfTopics] of Object.entries(groups)) {
        for (const stats of statsOfTopics) {
          const queues = [...stats.offsetTable].sort((a, b) => compareMessageQueues(a.messageQueue, b.messageQueue));
          for (const { messageQueue: mq, value } of queues) {
            const diff = value.brokerOffset - value.consumerOffset;
            if (diff < diffLevel || value.lastTimestamp <= 0) continue;
            output.out(
              javaFormat(
                '%-64s  %-64s  %-32s  %-4d  %-20d  %-20d  %-20d  %s%n',
                frontStringAtLeast(mq.topic, 64),
                group,
                frontStringAtLeast(mq.brokerName, 32),
                mq.queueId,
                value.brokerOffset,
                value.consumerOffset,
                diff,
                formatDateTime(value.lastTimestamp),
              ),
            );
          }
        }
      }
    }
    output.out(javaFormat('%nDiff Total: %d%n', list.totalDiff));
  },
};

async function printConfig(admin: MQAdmin, out: (text: string) => void, prefix: string, addr: string): Promise<void> {
  out(prefix);
  const { config } = await admin.getBrokerConfig(addr);
  for (const key of Object.keys(config).sort()) out(javaFormat('%-50s=  %s\n', key, config[key]));
  out('\n');
}

export const getBrokerConfig: CommandSpec = {
  name: 'getBrokerConfig',
  description: 'Get broker config by cluster or special broker!',
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'get which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'get which cluster' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const brokerAddr = options.get('b');
    if (brokerAddr) {
      await printConfig(admin(), output.out, `============${brokerAddr}============\n`, brokerAddr);
      return;
    }
    const info = await admin().examineBrokerClusterInfo();
    for (const name of info.clusterAddrTable[options.require('c')] ?? []) {
      const addrs = info.brokerAddrTable[name]?.brokerAddrs ?? {};
      const master = addrs['0'];
      if (!master) continue;
      await printConfig(admin(), output.out, `============Master: ${master}============\n`, master);
      for (const [id, slave] of Object.entries(addrs)) {
        if (id !== '0') await printConfig(admin(), output.out, `============My Master: ${master}=====Slave: ${slave}============\n`, slave);
      }
    }
  },
};

export const updateBrokerConfig: CommandSpec = {
  name: 'updateBrokerConfig',
  description: "Update broker's config",
  options: [
    { short: 'b', long: 'brokerAddr', hasArg: true, description: 'update which broker' },
    { short: 'c', long: 'clusterName', hasArg: true, description: 'update which cluster' },
    { short: 'k', long: 'key', hasArg: true, required: true, description: 'config key' },
    { short: 'v', long: 'value', hasArg: true, required: true, description: 'config value' },
  ],
  requiredOneOf: [['b', 'c']],
  async run({ options, output, admin }) {
    const properties = { [options.require('k')]: options.require('v') };
    const brokerAddr = options.get('b');
    const addrs = brokerAddr ? [brokerAddr] : masterAddrsOfCluster(await admin().examineBrokerClusterInfo(), options.require('c'));
    for (const addr of addrs) {
      await admin().updateBrokerConfig({ brokerAddr: addr }, properties);
      output.out(javaFormat('update broker config success, %s\n', addr));
    }
  },
};
