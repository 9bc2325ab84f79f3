import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { startNamesrv, type NamesrvHandle } from '../../broker-core/namesrv/index';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';

/**
 * Compatibility with ali-ons (npm, a RocketMQ 4.x client written by others): its own route lookup,
 * MQClientAPI#getTopicRouteInfoFromNameServer, against our nameserver. ali-ons sends version 121 with a JSON header
 * and parses the answer with JSON2 (bare broker-id keys included). A broker is registered by our NamesrvClient; its
 * address is a dummy: no broker runs.
 */
interface AliOnsRouteData {
  queueDatas: Array<{ brokerName: string; readQueueNums: number; writeQueueNums: number; perm: number }>;
  brokerDatas: Array<{ brokerName: string; cluster: string; brokerAddrs: Record<string, string> }>;
}

interface AliOnsClientApi {
  ready(): Promise<void>;
  close(): Promise<void>;
  getTopicRouteInfoFromNameServer(topic: string, timeoutMillis: number): Promise<AliOnsRouteData | undefined>;
}

type AliOnsClientApiConstructor = new (options: Record<string, unknown>) => AliOnsClientApi;

const requireFromHere = createRequire(__filename);
const MQClientAPI = requireFromHere('ali-ons/lib/mq_client_api') as AliOnsClientApiConstructor;

const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };

describe('ali-ons route lookup against our nameserver', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ali-ons-route-'));
  let namesrv: NamesrvHandle;
  let remoting: RemotingClient;
  let aliOns: AliOnsClientApi;

  beforeAll(async () => {
    namesrv = await startNamesrv({ listenPort: 0, host: '127.0.0.1', kvConfigPath: join(dir, 'kvConfig.json') });
    remoting = new RemotingClient();
    const client = new NamesrvClient(remoting, [namesrv.address]);
    const broker = {
      clusterName: 'DefaultCluster',
      brokerName: 'broker-a',
      haServerAddr: '127.0.0.1:10912',
      body: {
        topicConfigSerializeWrapper: {
          topicConfigTable: { AliOnsTopic: newTopicConfig('AliOnsTopic', { readQueueNums: 4, writeQueueNums: 4 }) },
          dataVersion: { counter: 1, timestamp: Date.now() },
        },
        filterServerList: [],
      },
    };
    await client.registerBroker(namesrv.address, { ...broker, brokerAddr: '127.0.0.1:10911', brokerId: 0 });
    await client.registerBroker(namesrv.address, { ...broker, brokerAddr: '127.0.0.1:10921', brokerId: 1 });
    // The httpclient is only used for onsAddr lookups; with nameSrv set it is never called.
    aliOns = new MQClientAPI({ nameSrv: namesrv.address, httpclient: {}, logger: silentLogger, responseTimeout: 3000 });
    await aliOns.ready();
  });

  afterAll(async () => {
    await aliOns?.close();
    await remoting?.close();
    await namesrv?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns the broker's addresses and queues", async () => {
    const route = await aliOns.getTopicRouteInfoFromNameServer('AliOnsTopic', 3000);
    expect(route?.brokerDatas).toEqual([
      {
        brokerName: 'broker-a',
        cluster: 'DefaultCluster',
        brokerAddrs: { '0': '127.0.0.1:10911', '1': '127.0.0.1:10921' },
      },
    ]);
    expect(route?.queueDatas).toEqual([
      { brokerName: 'broker-a', perm: 6, readQueueNums: 4, writeQueueNums: 4, topicSysFlag: 0 },
    ]);
  });

  it('gets the not-exist answer for an unknown topic', async () => {
    const error = (await aliOns
      .getTopicRouteInfoFromNameServer('NoSuchTopic', 3000)
      .catch((caught: unknown) => caught)) as {
      name: string;
      code: number;
      message: string;
    };
    expect(error.name).toBe('MQClientException');
    expect(error.code).toBe(17); // TOPIC_NOT_EXIST
    expect(error.message).toMatch(/^No topic route info in name server for the topic: NoSuchTopic/);
  });
});
