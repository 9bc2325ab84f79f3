import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NamesrvClient, type RegisterBrokerRequest } from '../../client/namesrv-client';
import { newTopicConfig, type TopicConfig } from '../../protocol/bodies/topic-config';
import { RemotingClient } from '../../remoting/remoting-client';
import { createRequest, type RemotingCommand } from '../../remoting/remoting-command';
import { startNamesrv, type NamesrvHandle, type StartNamesrvOptions } from '../index';

/** A nameserver on 127.0.0.1:0 with its files in a fresh temp directory, plus a client of it. */
export interface NamesrvFixture {
  namesrv: NamesrvHandle;
  dir: string;
  remoting: RemotingClient;
  client: NamesrvClient;
  close(): Promise<void>;
}

export function tempDir(prefix = 'namesrv-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startFixture(
  options: Partial<StartNamesrvOptions> = {},
  dir = tempDir(),
): Promise<NamesrvFixture> {
  const namesrv = await startNamesrv({
    listenPort: 0,
    host: '127.0.0.1',
    kvConfigPath: join(dir, 'kvConfig.json'),
    configStorePath: join(dir, 'namesrv.properties'),
    ...options,
  });
  const remoting = new RemotingClient({ name: 'test-client' });
  const client = new NamesrvClient(remoting, [namesrv.address]);
  return {
    namesrv,
    dir,
    remoting,
    client,
    async close() {
      await remoting.close();
      await namesrv.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrokerSpec {
  cluster?: string;
  brokerName?: string;
  brokerId?: number;
  brokerAddr?: string;
  topics?: TopicConfig[];
  counter?: number;
  timestamp?: number;
}

/** A REGISTER_BROKER request as a broker would send it (addresses are dummies: no broker runs). */
export function brokerRegistration(spec: BrokerSpec = {}): RegisterBrokerRequest {
  const brokerId = spec.brokerId ?? 0;
  const brokerAddr = spec.brokerAddr ?? `127.0.0.1:${10911 + brokerId * 10}`;
  const topics = spec.topics ?? [newTopicConfig('TopicA', { readQueueNums: 4, writeQueueNums: 4 })];
  return {
    clusterName: spec.cluster ?? 'DefaultCluster',
    brokerName: spec.brokerName ?? 'broker-a',
    brokerAddr,
    brokerId,
    haServerAddr: `127.0.0.1:${Number(brokerAddr.split(':')[1]) + 1}`,
    body: {
      topicConfigSerializeWrapper: {
        topicConfigTable: Object.fromEntries(topics.map((topic) => [topic.topicName, topic])),
        dataVersion: { counter: spec.counter ?? 1, timestamp: spec.timestamp ?? 1_700_000_000_000 },
      },
      filterServerList: [],
    },
  };
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes; bounded so a failing test ends. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type RequestFields = Record<string, string | number | boolean>;

/** Sends a request as a given client version would (ali-ons sends 121, Java 4.9.8 sends 409). */
export function rawRequest(
  fx: NamesrvFixture,
  code: number,
  extFields: RequestFields = {},
  version = 409,
  body?: Buffer,
): Promise<RemotingCommand> {
  const request = createRequest(code, { extFields, body });
  request.version = version;
  return fx.remoting.invoke(fx.namesrv.address, request);
}
