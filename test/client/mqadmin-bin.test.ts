import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { freePort, startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { recordingConsumer, uniqueName, waitFor } from './client-fixtures';

/** `bin/mqadmin.js` as a child process against mqnamesrv + mqbroker processes; output checked column by column. */
const bin = join(__dirname, '..', '..', 'bin', 'mqadmin.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function mqadmin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, RMQ_LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Splits a table line on runs of 2+ spaces or single spaces between columns (printf-padded output). */
const columns = (line: string) => line.trim().split(/\s+/);

describe('mqadmin bin', () => {
  let cluster: ClusterProcesses;
  let admin: MQAdmin;

  beforeAll(async () => {
    cluster = await startClusterProcesses();
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
  }, 180_000);

  afterAll(async () => {
    await admin?.close();
    await cluster?.stop();
  });

  it('clusterList shows the broker with its version', async () => {
    const run = await mqadmin(['clusterList', '-n', cluster.namesrvAddr]);
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.trimEnd().split('\n');
    expect(columns(header).slice(0, 5)).toEqual(['#Cluster', 'Name', '#Broker', 'Name', '#BID']);
    expect(columns(row).slice(0, 5)).toEqual(['DefaultCluster', 'broker-a', '0', cluster.brokerAddr, 'V4_9_8']);
  });

  it('updateTopic, sendMessage, topicStatus show the queues and their min / max offsets', async () => {
    const topic = uniqueName('BinTopic');
    const create = await mqadmin(['updateTopic', '-n', cluster.namesrvAddr, '-c', 'DefaultCluster', '-t', topic, '-r', '2', '-w', '2']);
    expect(create.code).toBe(0);
    expect(create.stdout).toContain(`create topic to ${cluster.brokerAddr} success.`);
    expect(create.stdout).toContain(`TopicConfig [topicName=${topic}, readQueueNums=2, writeQueueNums=2, perm=RW-`);
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, 'the route');
    for (let i = 0; i < 3; i++) {
      const send = await mqadmin(['sendMessage', '-t', topic, '-p', `hello-${i}`, '-b', 'broker-a', '-i', '1'], { NAMESRV_ADDR: cluster.namesrvAddr });
      expect(send.code).toBe(0);
      const [, row] = send.stdout.trimEnd().split('\n');
      expect(columns(row).slice(0, 3)).toEqual(['broker-a', '1', 'SEND_OK']);
    }
    const status = await mqadmin(['topicStatus', '-n', cluster.namesrvAddr, '-t', topic]);
    expect(status.code).toBe(0);
    const lines = status.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#Broker Name\s+#QID\s+#Min Offset\s+#Max Offset\s+#Last Updated$/);
    expect(columns(lines[1])).toEqual(['broker-a', '0', '0', '0']);
    expect(columns(lines[2]).slice(0, 4)).toEqual(['broker-a', '1', '0', '3']);
    expect(lines[2]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}$/);
  });

  it('consumerProgress shows the lag, which drops to 0 once consumed', async () => {
    const topic = uniqueName('LagTopic');
    const group = uniqueName('LagGroup');
    expect((await mqadmin(['updateTopic', '-n', cluster.namesrvAddr, '-b', cluster.brokerAddr, '-t', topic, '-r', '1', '-w', '1'])).code).toBe(0);
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, 'the route');
    const first = await recordingConsumer({ namesrvAddr: cluster.namesrvAddr, group, topic, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' });
    await mqadmin(['sendMessage', '-n', cluster.namesrvAddr, '-t', topic, '-p', 'one']);
    await waitFor(() => first.received.length === 1, 'the first message');
    await first.consumer.shutdown();
    for (const body of ['two', 'three']) await mqadmin(['sendMessage', '-n', cluster.namesrvAddr, '-t', topic, '-p', body]);

    const behind = await mqadmin(['consumerProgress', '-n', cluster.namesrvAddr, '-g', group]);
    expect(behind.code).toBe(0);
    const rows = behind.stdout.split('\n').filter((line) => line.startsWith(topic));
    expect(columns(rows[0]).slice(0, 6)).toEqual([topic, 'broker-a', '0', '3', '1', '2']);
    expect(behind.stdout).toMatch(/Diff Total: 2\n/);

    const second = await recordingConsumer({ namesrvAddr: cluster.namesrvAddr, group, topic });
    await waitFor(() => second.received.length === 2, 'the backlog');
    await waitFor(async () => (await mqadmin(['consumerProgress', '-n', cluster.namesrvAddr, '-g', group])).stdout.includes('Diff Total: 0\n'), 'zero lag', 20_000);
    const connection = await mqadmin(['consumerConnection', '-n', cluster.namesrvAddr, '-g', group]);
    expect(connection.stdout).toContain(second.consumer.clientId);
    expect(connection.stdout).toContain('MessageModel: CLUSTERING');
    await second.consumer.shutdown();
  });

  it('queryMsgByKey and queryMsgById find a message sent by sendMessage', async () => {
    const topic = uniqueName('QueryTopic');
    const send = await mqadmin(['sendMessage', '-n', cluster.namesrvAddr, '-t', topic, '-p', 'findme', '-k', 'needle', '-c', 'TagQ']);
    expect(send.code).toBe(0);
    await waitFor(async () => (await mqadmin(['queryMsgByKey', '-n', cluster.namesrvAddr, '-t', topic, '-k', 'needle'])).stdout.split('\n').length > 2, 'the indexed key');
    const byKey = await mqadmin(['queryMsgByKey', '-n', cluster.namesrvAddr, '-t', topic, '-k', 'needle']);
    const [offsetId] = columns(byKey.stdout.split('\n')[1]);
    const byId = await mqadmin(['queryMsgById', '-n', cluster.namesrvAddr, '-i', offsetId]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toMatch(/^OffsetID:\s+[0-9A-F]{32}$/m);
    expect(byId.stdout).toMatch(new RegExp(`^Topic:\\s+${topic}$`, 'm'));
    expect(byId.stdout).toMatch(/^Tags:\s+\[TagQ\]$/m);
    expect(byId.stdout).toMatch(/^Keys:\s+\[needle\]$/m);
  });

  it('fails with a clear message and exit code 1', async () => {
    const unknown = await mqadmin(['noSuchCommand']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('noSuchCommand not exist');
    const missing = await mqadmin(['topicStatus', '-n', cluster.namesrvAddr]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Missing required option: t');
    const noNamesrv = await mqadmin(['topicList'], { NAMESRV_ADDR: '' });
    expect(noNamesrv.code).toBe(1);
    expect(noNamesrv.stderr).toContain('NAMESRV_ADDR');
    const closed = await freePort();
    const unreachable = await mqadmin(['topicList', '-n', `127.0.0.1:${closed}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/topicList command failed: connect to 127\.0\.0\.1:\d+ failed/);
    const help = await mqadmin(['updateTopic', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-t,--topic <arg>');
  });
});
