import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { freeBrokerPort, runBin, startClusterProcesses, waitForOutput, type ClusterProcesses, type ServerProcess } from '../helpers/cluster-processes';
import { uniqueName, waitFor } from './client-fixtures';

/**
 * Two brokers behind one nameserver; one dies while the producer still routes to it. Sync sends retry on the other
 * broker (retryTimesWhenSendFailed), and with sendLatencyFaultEnable the dead broker is avoided for 600 s.
 */
describe('producer failover between brokers', () => {
  let cluster: ClusterProcesses;
  let brokerB: ServerProcess;
  let admin: MQAdmin;
  const topic = uniqueName('FailoverTopic');

  beforeAll(async () => {
    cluster = await startClusterProcesses();
    const port = await freeBrokerPort();
    brokerB = runBin('mqbroker', [
      '-n',
      cluster.namesrvAddr,
      `listenPort=${port}`,
      'listenHost=127.0.0.1',
      'brokerIP1=127.0.0.1',
      'brokerIP2=127.0.0.1',
      'brokerName=broker-b',
      `storePathRootDir=${join(cluster.dir, 'store-b')}`,
      'mappedFileSizeCommitLog=16777216',
      'mappedFileSizeConsumeQueue=200000',
    ]);
    await waitForOutput(brokerB, 'boot success');
    admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr });
    await waitFor(async () => (await admin.examineBrokerClusterInfo()).clusterAddrTable.DefaultCluster?.length === 2, 'both brokers registered');
    await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: 2, writeQueueNums: 2 }), { clusterName: 'DefaultCluster' });
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic))?.queueDatas.length === 2, 'the route on both brokers');
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
    await brokerB?.stop();
    await cluster?.stop();
  });

  it('sync sends move to the live broker after the other one dies', async () => {
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'FailoverProducer', pollNameServerIntervalMs: 600_000, sendLatencyFaultEnable: true });
    await producer.start();
    try {
      const before = await Promise.all(Array.from({ length: 8 }, (_, i) => producer.send({ topic, body: `before-${i}` })));
      expect(new Set(before.map((result) => result.messageQueue.brokerName))).toEqual(new Set(['broker-a', 'broker-b']));
      expect((await producer.fetchPublishMessageQueues(topic)).map((mq) => mq.brokerName)).toContain('broker-b');

      await brokerB.stop();
      const after = [];
      for (let i = 0; i < 10; i++) after.push(await producer.send({ topic, body: `after-${i}` }));
      expect(after.every((result) => result.sendStatus === 'SEND_OK')).toBe(true);
      expect(new Set(after.map((result) => result.messageQueue.brokerName))).toEqual(new Set(['broker-a']));
      // The route still names broker-b: the producer avoided it on its own.
      expect((await producer.fetchPublishMessageQueues(topic)).map((mq) => mq.brokerName)).toContain('broker-b');
    } finally {
      await producer.shutdown();
    }
  });

  it('a send to a queue of a broker the route no longer names fails clearly', async () => {
    await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic))?.queueDatas.length === 1, 'the nameserver dropping broker-b');
    const producer = new Producer({ namesrvAddr: cluster.namesrvAddr, group: 'NoRetryProducer' });
    await producer.start();
    try {
      expect((await producer.fetchPublishMessageQueues(topic)).map((mq) => mq.brokerName)).toEqual(['broker-a', 'broker-a']);
      await expect(producer.send({ topic, body: 'x' }, { messageQueue: { topic, brokerName: 'broker-b', queueId: 0 } })).rejects.toThrow(
        /The broker\[broker-b\] not exist/,
      );
    } finally {
      await producer.shutdown();
    }
  });
});
