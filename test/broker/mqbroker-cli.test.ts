import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJavaProperties } from '../../broker-core/common/java-properties';
import { runBrokerCli } from '../../broker-core/cli/mqbroker';
import type { CliOutput } from '../../broker-core/cli/mqnamesrv';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { startNamesrv } from '../../broker-core/namesrv/index';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { sendRequest } from './broker-fixture';

/** The mqbroker CLI in-process: configuration sources, start-up rules, boot line, PID file. */
const dir = mkdtempSync(join(tmpdir(), 'mqbroker-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

const effective = (io: { stdout: string[] }) => parseJavaProperties(io.stdout.join('\n'));

describe('mqbroker (in-process)', () => {
  it('applies defaults, the -c file, key=value and then -n; warns on unknown keys with a hint', async () => {
    const file = join(dir, 'broker.properties');
    writeFileSync(file, 'brokerName = broker-x\nlistenPort=10921\nnamesrvAddr=10.0.0.1:9876\nfileReserverdTime=48\nmapedFileSizeCommitLog=1048576\n');
    const io = capture();
    expect(await runBrokerCli(['-c', file, 'listenPort=10931', '-n', '10.0.0.2:9876;10.0.0.3:9876', '-p'], io)).toEqual({ exitCode: 0 });
    const config = effective(io);
    expect(config.get('brokerName')).toBe('broker-x');
    expect(config.get('listenPort')).toBe('10931');
    expect(config.get('haListenPort')).toBe('10932');
    expect(config.get('namesrvAddr')).toBe('10.0.0.2:9876;10.0.0.3:9876');
    expect(config.get('mappedFileSizeCommitLog')).toBe('1048576');
    expect(config.get('brokerConfigPath')).toBe(file);
    expect(config.get('brokerClusterName')).toBe('DefaultCluster');
    expect(config.get('autoCreateTopicEnable')).toBe('true');
    expect(io.stdout).toContain('# ports: listenPort=10931, VIP (listenPort-2)=10929, HA (listenPort+1)=10932');
    expect(io.stderr).toEqual([`mqbroker: warning: ${file}: unknown key 'fileReserverdTime' ignored (did you mean 'fileReservedTime'?)`]);
  });

  it('forces brokerId 0 on masters and refuses a SLAVE without a positive brokerId', async () => {
    let io = capture();
    await runBrokerCli(['brokerRole=SYNC_MASTER', 'brokerId=3', '-p'], io);
    expect(effective(io).get('brokerId')).toBe('0');
    io = capture();
    expect(await runBrokerCli(['brokerRole=SLAVE', 'brokerId=0', '-p'], io)).toEqual({ exitCode: 1 });
    expect(io.stderr).toEqual(['mqbroker: brokerId=0: a SLAVE needs brokerId > 0']);
  });

  it('stops with a message naming the key for a bad value', async () => {
    for (const [arg, message] of [
      ['listenPort=abc', "invalid value for 'listenPort': 'abc' is not an integer"],
      ['brokerRole=MASTER', "invalid value for 'brokerRole': 'MASTER' is not one of ASYNC_MASTER, SYNC_MASTER, SLAVE"],
      ['flushDiskType=sync', "invalid value for 'flushDiskType'"],
      ['namesrvAddr=10.0.0.1', 'namesrvAddr: invalid nameserver address'],
    ]) {
      const io = capture();
      expect(await runBrokerCli([arg, '-p'], io)).toEqual({ exitCode: 1 });
      expect(io.stderr.join('\n')).toContain(message);
    }
  });

  it('-m prints the important keys', async () => {
    const io = capture();
    await runBrokerCli(['-m', 'brokerName=broker-m'], io);
    const keys = [...effective(io).keys()];
    expect(keys).toContain('brokerRole');
    expect(keys).toContain('storePathRootDir');
    expect(keys).not.toContain('serverWorkerThreads');
  });

  it('boots, prints the boot line, writes broker.pid under the store root, registers, and serves on both ports', async () => {
    const namesrv = await startNamesrv({ listenPort: 0, host: '127.0.0.1', kvConfigPath: join(dir, 'ns', 'kvConfig.json') });
    const store = join(dir, 'store');
    const io = capture();
    const result = await runBrokerCli(['-n', namesrv.address, 'listenPort=0', 'listenHost=127.0.0.1', 'brokerIP1=127.0.0.1', 'brokerName=broker-cli', `storePathRootDir=${store}`, 'mappedFileSizeCommitLog=1048576', 'maxHashSlotNum=1000', 'maxIndexNum=4000'], io);
    if (!('controller' in result)) throw new Error(io.stderr.join('\n'));
    const remoting = new RemotingClient();
    try {
      const { controller } = result;
      expect(io.stdout).toEqual([`The broker[broker-cli, 127.0.0.1:${controller.port}] boot success. serializeType=JSON and name server is ${namesrv.address}`]);
      expect(result.pidFile).toBe(join(store, 'broker.pid'));
      expect(readFileSync(result.pidFile, 'utf8')).toBe(`${process.pid}\n`);
      const info = await new NamesrvClient(remoting, [namesrv.address]).getBrokerClusterInfo();
      expect(info.clusterAddrTable.DefaultCluster).toEqual(['broker-cli']);
      const sent = await remoting.invoke(`127.0.0.1:${controller.fastPort}`, sendRequest('CliTopic', 'x'));
      expect(sent.code).toBe(ResponseCode.SUCCESS);
      const config = await remoting.invoke(controller.brokerAddr, createRequest(RequestCode.GET_BROKER_CONFIG));
      expect(parseJavaProperties(config.body?.toString() ?? '').get('storePathRootDir')).toBe(store);
      await controller.shutdown();
      const after = await new NamesrvClient(remoting, [namesrv.address]).getBrokerClusterInfo();
      expect(after.brokerAddrTable).toEqual({});
    } finally {
      await remoting.close();
      if ('controller' in result) await result.controller.shutdown();
      await namesrv.shutdown();
    }
  });
});
