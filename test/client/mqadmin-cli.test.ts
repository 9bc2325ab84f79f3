import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMqadmin } from '../../broker-core/cli/mqadmin';
import { formatUsage, parseOptions, UsageError } from '../../broker-core/cli/mqadmin/command';
import { formatDateTimeMillis, frontStringAtLeast, javaFormat, parseMqadminTimestamp } from '../../broker-core/cli/mqadmin/java-format';
import { updateTopic } from '../../broker-core/cli/mqadmin/topic-commands';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { updateConsumerOffset } from '../../broker-core/client/broker-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import { newSubscriptionGroupConfig } from '../../broker-core/protocol/bodies/subscription-group-config';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startInProcessCluster, type InProcessCluster } from '../broker/broker-fixture';
import { freePort } from '../helpers/ports';
import { FAST_CLIENT, uniqueName, waitFor } from './client-fixtures';

/** Runs mqadmin in-process and collects what a user would see. */
async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runMqadmin(argv, { out: (text) => (out += text), err: (text) => (err += text) }, env);
  return { code, out, err };
}

/** The whitespace-separated fields of a printf-padded line. */
const columns = (line: string) => line.trim().split(/\s+/);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** mqadmin's pieces that need no server: the printf subset, option parsing, usage, exit codes. */
describe('javaFormat (java.util.Formatter subset)', () => {
  it('pads like Java printf', () => {
    expect(javaFormat('%-8s|%4s|%-4d|%4d|%n', 'ab', 'cd', 7, 42)).toBe('ab      |  cd|7   |  42|\n');
    expect(javaFormat('%04d  %s', 3, null)).toBe('0003  null');
    expect(javaFormat('%.2f %9.2f %.4f', 1.005, 3.14159, 0.5)).toBe('1.00      3.14 0.5000');
    expect(javaFormat('%-20d%%', -5)).toBe('-5                  %');
    expect(javaFormat('%2s', 'longer')).toBe('longer');
  });

  it('frontStringAtLeast cuts, despite its name', () => {
    expect(frontStringAtLeast('abcdef', 3)).toBe('abc');
    expect(frontStringAtLeast('ab', 3)).toBe('ab');
  });

  it('reads resetOffsetByTime timestamps: now, epoch ms, yyyy-MM-dd#HH:mm:ss:SSS', () => {
    expect(parseMqadminTimestamp('now')).toBe(-1);
    expect(parseMqadminTimestamp('1700000000000')).toBe(1700000000000);
    const local = parseMqadminTimestamp('2024-03-05#06:07:08:009');
    expect(formatDateTimeMillis(local)).toBe('2024-03-05#06:07:08:009');
    expect(() => parseMqadminTimestamp('yesterday')).toThrow(/yyyy-MM-dd#HH:mm:ss:SSS/);
  });
});

describe('option parsing', () => {
  it('accepts -t v, -tv, --topic v, --topic=v and flags', () => {
    const options = parseOptions(updateTopic, ['-tA', '--readQueueNums', '4', '--writeQueueNums=2', '-c', 'C', '-n', 'h:1']);
    expect(options.get('t')).toBe('A');
    expect(options.int('r')).toBe(4);
    expect(options.int('w')).toBe(2);
    expect(options.get('c')).toBe('C');
    expect(options.get('n')).toBe('h:1');
    expect(options.bool('o', false)).toBe(false);
  });

  it('refuses unknown options, missing values and missing required options', () => {
    expect(() => parseOptions(updateTopic, ['-t', 'A', '-c', 'C', '-z'])).toThrow(UsageError);
    expect(() => parseOptions(updateTopic, ['-c', 'C', '-t'])).toThrow(/Missing argument for option: t/);
    expect(() => parseOptions(updateTopic, ['-c', 'C'])).toThrow(/Missing required option: t/);
    expect(() => parseOptions(updateTopic, ['-t', 'A'])).toThrow(/\[-b -c\]/);
    expect(() => parseOptions(updateTopic, ['-t', 'A', '-c', 'C', '-r', 'four']).int('r')).toThrow(/expects an integer/);
  });

  it('prints usage in commons-cli layout', () => {
    const usage = formatUsage(updateTopic);
    expect(usage.split('\n')[0]).toBe('usage: mqadmin updateTopic [-b <arg>] [-c <arg>] [-h] [-n <arg>] [-o <arg>] [-p <arg>] [-r <arg>] [-s <arg>] -t <arg> [-u <arg>] [-w <arg>]');
    expect(usage).toMatch(/^ -t,--topic <arg>\s+topic name$/m);
  });
});

describe('runMqadmin exit codes', () => {
  it('lists the commands and shows help', async () => {
    const list = await run([]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('updateTopic');
    expect(list.out).toContain('consumerProgress');
    const help = await run(['help', 'topicStatus']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage: mqadmin topicStatus');
  });

  it('fails with 1 and a reason for unknown commands, bad options and a missing nameserver', async () => {
    expect((await run(['nope'])).code).toBe(1);
    const bad = await run(['topicStatus', '-x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Unrecognized option: -x');
    const noNamesrv = await run(['topicStatus', '-t', 'T']);
    expect(noNamesrv.code).toBe(1);
    expect(noNamesrv.err).toContain('NAMESRV_ADDR');
    const badAddr = await run(['topicStatus', '-t', 'T', '-n', 'host-without-port']);
    expect(badAddr.code).toBe(1);
    expect(badAddr.err).toContain('missing :port');
  });

  it('decodes a unique message id without a cluster', async () => {
    // 127.0.0.1, pid 1, hash 0, 1000 ms into the month, counter 0.
    const result = await run(['DecodeMessageId', '-i', '7F000001' + '0001' + '00000000' + '000003E8' + '0000']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ip=127\.0\.0\.1date=\d{4}-\d{2}-01#00:00:01:000\n$/);
  });
});

/** Commands that talk to the cluster, against an in-process nameserver and broker on 127.0.0.1 (free ports). */
describe('mqadmin against a nameserver and a broker', () => {
  let cluster: InProcessCluster;
  let admin: MQAdmin;
  let namesrvAddr: string;
  let brokerAddr: string;

  beforeAll(async () => {
    cluster = await startInProcessCluster();
    namesrvAddr = cluster.namesrv.address;
    brokerAddr = cluster.broker.address;
    admin = new MQAdmin({ namesrvAddr });
  });

  afterAll(async () => {
    await admin?.close();
    await cluster?.close();
  });

  const createTopic = async (topic: string, queues = 2) => {
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: queues, writeQueueNums: queues }), { brokerAddr });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `the route of ${topic}`);
  };
  const routePerm = async (topic: string) => (await admin.examineTopicRouteInfo(topic)).queueDatas[0]?.perm;

  it('producer lists the producer groups connected to a broker with their instances', async () => {
    const topic = uniqueName('CliProducerTopic');
    await createTopic(topic);
    const group = uniqueName('CliProducerGroup');
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group });
    await producer.start();
    try {
      await producer.send({ topic, body: 'hello' });
      let listed = await run(['producer', '-n', namesrvAddr, '-b', brokerAddr]);
      await waitFor(async () => {
        listed = await run(['producer', '-n', namesrvAddr, '-b', brokerAddr]);
        return listed.out.includes(`producer group (${group})`);
      }, 'the producer heartbeat');
      expect(listed.code).toBe(0);
      const lines = listed.out.split('\n').filter((line) => line.startsWith(`producer group (${group})`));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^producer group \\(${group}\\) instance : clientId=${escapeRegExp(producer.clientId)},remoteIP=127\\.0\\.0\\.1:\\d+, language=\\w+, version=\\d+, lastUpdateTimestamp=\\d+$`),
      );
    } finally {
      await producer.shutdown();
    }
    const missing = await run(['producer', '-n', namesrvAddr]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Missing required option: b');
  });

  it('updateTopicPerm changes the perm of a topic on one broker, then on a cluster', async () => {
    const topic = uniqueName('CliPermTopic');
    await createTopic(topic);
    const readOnly = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '4', '-b', brokerAddr]);
    expect(readOnly.code).toBe(0);
    expect(readOnly.out).toBe(
      `update topic perm from 6 to 4 in ${brokerAddr} success.\n` +
        `TopicConfig [topicName=${topic}, readQueueNums=2, writeQueueNums=2, perm=R--, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false].\n`,
    );
    await waitFor(async () => (await routePerm(topic)) === 4, 'the read-only route');

    const same = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '4', '-b', brokerAddr]);
    expect(same.code).toBe(0);
    expect(same.out).toBe('new perm equals to the old one!\n');

    const readWrite = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '6', '-c', 'TestCluster']);
    expect(readWrite.code).toBe(0);
    expect(readWrite.out).toBe(`update topic perm from 4 to 6 in ${brokerAddr} success.\n`);
    await waitFor(async () => (await routePerm(topic)) === 6, 'the read-write route');
    expect((await admin.examineTopicRouteInfo(topic)).queueDatas[0]).toMatchObject({ readQueueNums: 2, writeQueueNums: 2 });
  });

  it('updateTopicPerm refuses a bad perm, a missing target and a broker that does not serve the topic', async () => {
    const topic = uniqueName('CliBadPermTopic');
    await createTopic(topic);
    const badPerm = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '5', '-b', brokerAddr]);
    expect(badPerm.code).toBe(1);
    expect(badPerm.err).toContain("option -p expects 2 (W), 4 (R) or 6 (RW), got '5'");
    expect(badPerm.err).toContain('usage: mqadmin updateTopicPerm');
    const noTarget = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '4']);
    expect(noTarget.code).toBe(1);
    expect(noTarget.err).toContain('Missing required option: [-b -c]');
    const otherBroker = await run(['updateTopicPerm', '-n', namesrvAddr, '-t', topic, '-p', '4', '-b', '127.0.0.1:1']);
    expect(otherBroker.code).toBe(1);
    expect(otherBroker.err).toContain(`updateTopicPerm command failed: broker 127.0.0.1:1 is not a master serving topic ${topic}`);
    expect(await routePerm(topic)).toBe(6);
  });

  it('wipeWritePerm and addWritePerm take a broker\'s write permission away on the nameserver and give it back', async () => {
    const topic = uniqueName('CliWipeTopic');
    await createTopic(topic);
    const wipe = await run(['wipeWritePerm', '-n', namesrvAddr, '-b', 'broker-a']);
    expect(wipe.code).toBe(0);
    const wiped = new RegExp(`^wipe write perm of broker\\[broker-a\\] in name server\\[${escapeRegExp(namesrvAddr)}\\] OK, (\\d+)\\n$`).exec(wipe.out);
    expect(wiped).not.toBeNull();
    const topicCount = Number(wiped?.[1]);
    expect(topicCount).toBeGreaterThanOrEqual(1);
    expect(await routePerm(topic)).toBe(4);

    const add = await run(['addWritePerm', '-n', namesrvAddr, '-b', 'broker-a']);
    expect(add.code).toBe(0);
    expect(add.out).toBe(`add write perm of broker[broker-a] in name server[${namesrvAddr}] OK, ${topicCount}\n`);
    expect(await routePerm(topic)).toBe(6);
  });

  it('wipeWritePerm and addWritePerm ask every nameserver of -n and report the one that failed', async () => {
    const topic = uniqueName('CliWipeTwoTopic');
    await createTopic(topic);
    const closed = `127.0.0.1:${await freePort()}`;
    const wipe = await run(['wipeWritePerm', '-n', `${namesrvAddr};${closed}`, '-b', 'broker-a']);
    expect(wipe.code).toBe(1);
    expect(wipe.out).toMatch(new RegExp(`^wipe write perm of broker\\[broker-a\\] in name server\\[${escapeRegExp(namesrvAddr)}\\] OK, \\d+$`, 'm'));
    expect(wipe.out).toContain(`wipe write perm of broker[broker-a] in name server[${closed}] Failed\n`);
    expect(wipe.err).toContain(`wipe write perm of broker[broker-a] failed in name server ${closed}`);
    expect(await routePerm(topic)).toBe(4);

    const add = await run(['addWritePerm', '-n', `${namesrvAddr};${closed}`, '-b', 'broker-a']);
    expect(add.code).toBe(1);
    expect(add.out).toContain(`add write perm of broker[broker-a] in name server[${closed}] Failed\n`);
    expect(await routePerm(topic)).toBe(6);
  });

  it('getNamesrvConfig and updateNamesrvConfig read and change the live configuration', async () => {
    const line = (key: string, value: string) => javaFormat('%-50s=  %s', key, value);
    const before = await run(['getNamesrvConfig', '-n', namesrvAddr]);
    expect(before.code).toBe(0);
    const lines = before.out.split('\n');
    expect(lines[0]).toBe(`============${namesrvAddr}============`);
    expect(lines).toContain(line('orderMessageEnable', 'false'));
    expect(lines).toContain(line('listenHost', '127.0.0.1'));

    const update = await run(['updateNamesrvConfig', '-n', namesrvAddr, '-k', 'orderMessageEnable', '-v', 'true']);
    expect(update.code).toBe(0);
    expect(update.out).toBe(`update name server config success![${namesrvAddr}]\norderMessageEnable : true\n`);
    expect(cluster.namesrv.config.orderMessageEnable).toBe(true);
    expect((await run(['getNamesrvConfig', '-n', namesrvAddr])).out.split('\n')).toContain(line('orderMessageEnable', 'true'));

    const fromEnv = await run(['updateNamesrvConfig', '-k', 'orderMessageEnable', '-v', 'false'], { NAMESRV_ADDR: namesrvAddr });
    expect(fromEnv.out).toBe('update name server config success!\norderMessageEnable : false\n');
    expect(cluster.namesrv.config.orderMessageEnable).toBe(false);

    const blackListed = await run(['updateNamesrvConfig', '-n', namesrvAddr, '-k', 'kvConfigPath', '-v', '/tmp/elsewhere.json']);
    expect(blackListed.code).toBe(1);
    expect(blackListed.err).toContain('Can not update config in black list.');
    const noValue = await run(['updateNamesrvConfig', '-n', namesrvAddr, '-k', 'orderMessageEnable']);
    expect(noValue.code).toBe(1);
    expect(noValue.err).toContain('Missing required option: v');
  });

  it('brokerConsumeStats shows each consumed queue of each group with its diff, above the -l level', async () => {
    const topic = uniqueName('CliStatsTopic');
    const group = uniqueName('CliStatsGroup');
    await createTopic(topic, 2);
    await admin.createOrUpdateSubscriptionGroup(newSubscriptionGroupConfig(group), { brokerAddr });
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr, group: uniqueName('CliStatsProducer') });
    await producer.start();
    try {
      for (let i = 0; i < 3; i++) await producer.send({ topic, body: `m${i}` }, { messageQueue: { topic, brokerName: 'broker-a', queueId: 0 } });
    } finally {
      await producer.shutdown();
    }
    await updateConsumerOffset(admin.remoting, brokerAddr, group, { topic, brokerName: 'broker-a', queueId: 0 }, 1);

    const stats = await run(['brokerConsumeStats', '-n', namesrvAddr, '-b', brokerAddr]);
    expect(stats.code).toBe(0);
    const lines = stats.out.split('\n');
    expect(columns(lines[0])).toEqual(['#Topic', '#Group', '#Broker', 'Name', '#QID', '#Broker', 'Offset', '#Consumer', 'Offset', '#Diff', '#LastTime']);
    // Queue 1 was never consumed (no last consume time), so only queue 0 is listed.
    const rows = lines.filter((row) => row.startsWith(topic));
    expect(rows).toHaveLength(1);
    expect(columns(rows[0]).slice(0, 7)).toEqual([topic, group, 'broker-a', '0', '3', '1', '2']);
    expect(rows[0].indexOf(group)).toBe(66);
    expect(rows[0].indexOf('broker-a')).toBe(132);
    expect(rows[0]).toMatch(/  \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(stats.out.endsWith('\nDiff Total: 2\n')).toBe(true);

    const aboveLevel = await run(['brokerConsumeStats', '-n', namesrvAddr, '-b', brokerAddr, '-l', '3', '-t', '5000']);
    expect(aboveLevel.code).toBe(0);
    expect(aboveLevel.out.split('\n').filter((row) => row.startsWith(topic))).toEqual([]);
    expect(aboveLevel.out.endsWith('\nDiff Total: 2\n')).toBe(true);
    const ordered = await run(['brokerConsumeStats', '-n', namesrvAddr, '-b', brokerAddr, '-o', 'true']);
    expect(ordered.out).toBe(`${lines[0]}\n\nDiff Total: 0\n`);

    const badTimeout = await run(['brokerConsumeStats', '-n', namesrvAddr, '-b', brokerAddr, '-t', 'soon']);
    expect(badTimeout.code).toBe(1);
    expect(badTimeout.err).toContain("option -t expects an integer, got 'soon'");
  });
});
