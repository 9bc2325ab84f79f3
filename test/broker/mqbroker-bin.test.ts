import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { parseJavaProperties } from '../../broker-core/common/java-properties';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { ensureBuilt, freeBrokerPort, freePort, runBin, startClusterProcesses, waitForOutput, type ServerProcess } from '../helpers/cluster-processes';
import { sendRequest } from './broker-fixture';

/**
 * The real bin/mqbroker.js, bin/mqnamesrv.js and bin/mqshutdown.js as processes: Apache RocketMQ's 2m-2s files,
 * a master and a slave started from them, and mqshutdown stopping both servers by their PID files.
 */
const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'mqbroker-bin-'));
const running: ServerProcess[] = [];

beforeAll(() => ensureBuilt(), 200_000);
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function printed(args: string[]): Promise<{ config: Map<string, string>; stdout: string; stderr: string; code: number | null }> {
  const run = runBin('mqbroker', [...args, '-p'], { env: { HOME: dir } });
  const { code } = await run.exited;
  return { config: parseJavaProperties(run.stdout()), stdout: run.stdout(), stderr: run.stderr(), code };
}

describe('mqbroker with the 2m-2s-sync files', () => {
  it('loads the master file: SYNC_MASTER, id 0, its ports and store paths, without warnings', async () => {
    const { config, stdout, stderr, code } = await printed(['-c', join(root, 'conf', '2m-2s-sync', 'broker-a.properties')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(Object.fromEntries([...config].filter(([key]) => ['brokerClusterName', 'brokerName', 'brokerId', 'brokerRole', 'flushDiskType', 'listenPort', 'haListenPort', 'storePathRootDir', 'storePathCommitLog', 'fileReservedTime', 'deleteWhen', 'namesrvAddr'].includes(key)))).toEqual({
      brokerClusterName: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerId: '0',
      brokerRole: 'SYNC_MASTER',
      flushDiskType: 'ASYNC_FLUSH',
      listenPort: '10911',
      haListenPort: '10912',
      storePathRootDir: '/opt/rocketmq/store/broker-a',
      storePathCommitLog: '/opt/rocketmq/store/broker-a/commitlog',
      fileReservedTime: '48',
      deleteWhen: '04',
      namesrvAddr: '127.0.0.1:9876',
    });
    expect(stdout).toContain('# ports: listenPort=10911, VIP (listenPort-2)=10909, HA (listenPort+1)=10912');
  });

  it('loads the slave file: SLAVE, id 1', async () => {
    const { config, code } = await printed(['-c', join(root, 'conf', '2m-2s-sync', 'broker-a-s.properties'), 'flushDiskType=SYNC_FLUSH']);
    expect(code).toBe(0);
    expect([config.get('brokerRole'), config.get('brokerId'), config.get('listenPort'), config.get('haListenPort'), config.get('flushDiskType')]).toEqual(['SLAVE', '1', '10921', '10922', 'SYNC_FLUSH']);
  });

  it('loads a seed-style file from an older release with keys upstream ignores, warning about them', async () => {
    const file = join(dir, 'seed-broker-a.properties');
    writeFileSync(
      file,
      [
        'brokerClusterName=DefaultCluster',
        'brokerName=broker-a',
        'brokerId=0',
        'namesrvAddr=rocketmq-nameserver1:9876;rocketmq-nameserver2:9876',
        'defaultTopicQueueNums=4',
        'autoCreateTopicEnable=true',
        'listenPort=10911',
        'deleteWhen=04',
        'fileReservedTime=120',
        'mapedFileSizeCommitLog=1073741824',
        'mapedFileSizeConsumeQueue=300000',
        'diskMaxUsedSpaceRatio=88',
        'storePathRootDir=/usr/local/rocketmq/store',
        'storePathCommitLog=/usr/local/rocketmq/store/commitlog',
        'storePathConsumeQueue=/usr/local/rocketmq/store/consumequeue',
        'storePathIndex=/usr/local/rocketmq/store/index',
        'storeCheckpoint=/usr/local/rocketmq/store/checkpoint',
        'abortFile=/usr/local/rocketmq/store/abort',
        'maxMessageSize=65536',
        'brokerRole=ASYNC_MASTER',
        'flushDiskType=ASYNC_FLUSH',
        '',
      ].join('\n'),
    );
    const { config, stderr, code } = await printed(['-c', file]);
    expect(code).toBe(0);
    expect(config.get('mappedFileSizeCommitLog')).toBe('1073741824');
    expect(config.get('mappedFileSizeConsumeQueue')).toBe('300000');
    expect(config.get('maxMessageSize')).toBe('65536');
    for (const key of ['storePathConsumeQueue', 'storePathIndex', 'storeCheckpoint', 'abortFile']) expect(stderr).toContain(`unknown key '${key}' ignored`);
  });

  it('runs a master and a slave from the files: both register, the slave refuses writes', async () => {
    const namesrvPort = await freePort();
    const namesrv = runBin('mqnamesrv', [`listenPort=${namesrvPort}`, 'listenHost=127.0.0.1', `kvConfigPath=${join(dir, 'ns', 'kvConfig.json')}`], { env: { HOME: dir } });
    running.push(namesrv);
    await waitForOutput(namesrv, 'boot success');
    const namesrvAddr = `127.0.0.1:${namesrvPort}`;
    const common = ['-n', namesrvAddr, 'listenHost=127.0.0.1', 'brokerIP1=127.0.0.1', 'brokerIP2=127.0.0.1', 'mappedFileSizeCommitLog=4194304', 'maxHashSlotNum=1000', 'maxIndexNum=4000'];
    const ports: number[] = [];
    for (const [file, store] of [['broker-a.properties', 'master'], ['broker-a-s.properties', 'slave']]) {
      const port = await freeBrokerPort();
      ports.push(port);
      const broker = runBin('mqbroker', ['-c', join(root, 'conf', '2m-2s-sync', file), ...common, `listenPort=${port}`, `storePathRootDir=${join(dir, store)}`, `storePathCommitLog=${join(dir, store, 'commitlog')}`], { env: { HOME: dir } });
      running.unshift(broker);
      await waitForOutput(broker, 'boot success');
    }
    const remoting = new RemotingClient();
    try {
      const info = await new NamesrvClient(remoting, [namesrvAddr]).getBrokerClusterInfo();
      expect(info.brokerAddrTable['broker-a'].brokerAddrs).toEqual({ '0': `127.0.0.1:${ports[0]}`, '1': `127.0.0.1:${ports[1]}` });
      const toMaster = await remoting.invoke(`127.0.0.1:${ports[0] - 2}`, sendRequest('MasterTopic', 'x'));
      expect(toMaster.code).toBe(ResponseCode.SUCCESS);
      const toSlave = await remoting.invoke(`127.0.0.1:${ports[1]}`, sendRequest('MasterTopic', 'x'));
      expect(toSlave.code).toBe(ResponseCode.SERVICE_NOT_AVAILABLE);
      const config = await remoting.invoke(`127.0.0.1:${ports[0]}`, createRequest(RequestCode.GET_BROKER_CONFIG));
      expect(parseJavaProperties(config.body?.toString() ?? '').get('brokerRole')).toBe('SYNC_MASTER');
    } finally {
      await remoting.close();
    }
  }, 60_000);
});

describe('mqshutdown', () => {
  it('stops the broker and the nameserver by their PID files and waits for them to exit', async () => {
    const cluster = await startClusterProcesses();
    try {
      const broker = runBin('mqshutdown', ['broker', `storePathRootDir=${cluster.storeDir}`]);
      expect(await broker.exited).toEqual({ code: 0, signal: null });
      expect(broker.stdout()).toBe(`The mqbroker(${cluster.broker.pid}) is running...\nSend shutdown request to mqbroker(${cluster.broker.pid}) OK\n`);
      expect(await cluster.broker.exited).toEqual({ code: 0, signal: null });
      expect(existsSync(join(cluster.storeDir, 'broker.pid'))).toBe(false);

      const again = runBin('mqshutdown', ['broker', `storePathRootDir=${cluster.storeDir}`]);
      expect((await again.exited).code).toBe(1);
      expect(again.stdout()).toBe('No mqbroker running.\n');

      const namesrv = runBin('mqshutdown', ['namesrv', `kvConfigPath=${join(cluster.dir, 'namesrv', 'kvConfig.json')}`]);
      expect(await namesrv.exited).toEqual({ code: 0, signal: null });
      expect(await cluster.namesrv.exited).toEqual({ code: 0, signal: null });
    } finally {
      await cluster.stop();
    }
  }, 120_000);
});
