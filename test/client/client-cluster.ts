import { afterAll, beforeAll } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startClusterProcesses, type ClusterProcesses, type ClusterProcessOptions } from '../helpers/cluster-processes';
import { FAST_CLIENT, waitFor } from './client-fixtures';

/** What a client integration suite shares: mqnamesrv + mqbroker processes, a started producer and an admin. */
export interface ClientCluster {
  readonly cluster: ClusterProcesses;
  readonly producer: Producer;
  readonly admin: MQAdmin;
  /** Creates the topic on the cluster's brokers and waits until the nameserver routes it. */
  createTopic(topic: string, queues?: number): Promise<void>;
  /** Sends each body synchronously, failing on anything but SEND_OK. */
  sendAll(topic: string, bodies: string[]): Promise<void>;
}

/**
 * Registers beforeAll / afterAll hooks in the calling describe block that start the processes, the producer (group
 * `producerGroup`) and the admin, and stop them all afterwards (the processes by PID).
 */
export function useClientCluster(producerGroup: string, options: ClusterProcessOptions = {}): ClientCluster {
  let started: { cluster: ClusterProcesses; producer: Producer; admin: MQAdmin } | undefined;
  const get = () => {
    if (!started) throw new Error('the client cluster is used before beforeAll started it');
    return started;
  };

  beforeAll(async () => {
    const cluster = await startClusterProcesses(options);
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrvAddr, group: producerGroup });
    await producer.start();
    started = { cluster, producer, admin: new MQAdmin({ namesrvAddr: cluster.namesrvAddr }) };
  }, 120_000);

  afterAll(async () => {
    await started?.producer.shutdown();
    await started?.admin.close();
    await started?.cluster.stop();
  });

  return {
    get cluster() {
      return get().cluster;
    },
    get producer() {
      return get().producer;
    },
    get admin() {
      return get().admin;
    },
    async createTopic(topic, queues = 4) {
      const { admin } = get();
      await admin.createOrUpdateTopic(newTopicConfig(topic, { readQueueNums: queues, writeQueueNums: queues }), { clusterName: 'DefaultCluster' });
      await waitFor(async () => (await admin.namesrv.getTopicRouteInfo(topic)) !== undefined, `route of ${topic}`);
    },
    async sendAll(topic, bodies) {
      const { producer } = get();
      for (const body of bodies) {
        const result = await producer.send({ topic, body });
        if (result.sendStatus !== 'SEND_OK') throw new Error(`send to ${topic} answered ${result.sendStatus}`);
      }
    },
  };
}
