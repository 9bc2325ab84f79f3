import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerHandle } from '../../broker-core/broker/index';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { pullRequest, sendRequest, startInProcessCluster, startSlaveBroker, type InProcessCluster } from './broker-fixture';
import { freeBrokerPort } from '../helpers/ports';
import { eventually } from './client-fixture';

// Master/slave brokers over real sockets (spec/ha.md): the slave finds its master's HA address through the
// nameserver, copies the commit log, serves pulls from its own consume queues; SYNC_MASTER answers a send only once
// the slave holds it.

describe('master/slave replication between brokers', () => {
  let cluster: InProcessCluster | undefined;
  let slave: BrokerHandle | undefined;

  afterEach(async () => {
    await slave?.shutdown();
    await cluster?.close();
    slave = undefined;
    cluster = undefined;
  });

  it('a slave learns the master from the nameserver, copies every message and serves pulls of them', async () => {
    cluster = await startInProcessCluster();
    const master = cluster.broker;
    for (let i = 0; i < 30; i++) {
      const sent = await cluster.client.invoke(master.address, sendRequest('ReplTopic', `message ${i}`, { queueId: i % 2 }));
      expect(sent.code).toBe(ResponseCode.SUCCESS);
    }
    slave = await startSlaveBroker(cluster);
    const slaveStore = slave.controller.store;
    await eventually(() => slaveStore.commitLogMaxOffset === master.controller.store.commitLogMaxOffset, 10_000, 'slave copied the commit log');
    expect(slave.config.haMasterAddress).toBe('');
    expect(master.controller.replication?.haService?.slaveCount).toBe(1);

    // The topic reaches the slave with the metadata sync; the messages through its own consume queues.
    await slave.controller.slaveSync?.syncNow();
    await slaveStore.waitForDispatch();
    const bodies: string[] = [];
    for (const queueId of [0, 1]) {
      const pulled = await cluster.client.invoke(slave.address, pullRequest('ReplTopic', { queueId, subscription: '*' }));
      expect(pulled.code).toBe(ResponseCode.SUCCESS);
      bodies.push(...decodeStoredMessages(pulled.body ?? Buffer.alloc(0)).map((m) => m.body.toString()));
    }
    expect(bodies.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `message ${i}`).sort());

    // Writes keep flowing to a connected slave.
    await cluster.client.invoke(master.address, sendRequest('ReplTopic', 'later'));
    await eventually(() => slaveStore.commitLogMaxOffset === master.controller.store.commitLogMaxOffset, 10_000, 'slave follows new writes');
  });

  it('SYNC_MASTER: SLAVE_NOT_AVAILABLE without a slave, SUCCESS once the slave holds the message', async () => {
    cluster = await startInProcessCluster({ brokerRole: 'SYNC_MASTER', slaveTimeout: 2000 });
    const master = cluster.broker;
    const alone = await cluster.client.invoke(master.address, sendRequest('SyncTopic', 'before the slave'));
    expect(alone.code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);

    slave = await startSlaveBroker(cluster);
    await eventually(() => master.controller.replication?.haService?.slaveCount === 1, 10_000, 'slave connected');
    const sent = await cluster.client.invoke(master.address, sendRequest('SyncTopic', 'replicated'));
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    // Acknowledged means the slave's commit log already reaches past it.
    expect(slave.controller.store.commitLogMaxOffset).toBe(master.controller.store.commitLogMaxOffset);

    await slave.shutdown();
    slave = undefined;
    await eventually(() => master.controller.replication?.haService?.slaveCount === 0, 10_000, 'slave gone');
    const after = await cluster.client.invoke(master.address, sendRequest('SyncTopic', 'slave stopped'));
    expect(after.code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);
  });

  it('a master whose HA port is taken still serves; a SYNC_MASTER then answers SLAVE_NOT_AVAILABLE', async () => {
    const { createServer } = await import('node:net');
    const port = await freeBrokerPort();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port + 1, '127.0.0.1', resolve));
    try {
      cluster = await startInProcessCluster({ brokerRole: 'SYNC_MASTER', listenPort: port });
      const sent = await cluster.client.invoke(cluster.broker.address, sendRequest('SquatTopic', 'still stored'));
      expect(sent.code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);
      expect(cluster.broker.controller.replication?.haService).toBeUndefined();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
