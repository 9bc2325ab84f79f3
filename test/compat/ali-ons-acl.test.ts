import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { startClusterProcesses, type ClusterProcesses } from '../helpers/cluster-processes';
import { aliOns, clientOptions, closeAliOnsInnerProducer, waitFor, type AliOnsConsumer, type AliOnsProducer } from './ali-ons-helpers';

/**
 * ali-ons 3.12 signs its requests with accessKey/secretKey (HmacSHA1 over the sorted header values, plus its own
 * `OnsChannel` field), as Apache RocketMQ's AclClientRPCHook does. Against our mqbroker process with aclEnable=true it
 * produces and consumes with the accounts of plain_acl.yml, and a wrong secret is refused with the ACL error.
 */
const TOPIC = 'AliOnsAclTopic';
const GROUP = 'CID_ALI_ONS_ACL';
const COUNT = 50;

const YAML = `accounts:
  - accessKey: onsProducer
    secretKey: onsProducerSecret
    defaultTopicPerm: DENY
    defaultGroupPerm: SUB
    topicPerms:
      - ${TOPIC}=PUB
  - accessKey: onsConsumer
    secretKey: onsConsumerSecret
    defaultTopicPerm: DENY
    defaultGroupPerm: DENY
    topicPerms:
      - ${TOPIC}=SUB
    groupPerms:
      - ${GROUP}=SUB
  - accessKey: onsAdmin01
    secretKey: onsAdminSecret
    admin: true
`;

describe('ali-ons against our broker with ACL enabled', () => {
  let home: string;
  let cluster: ClusterProcesses;
  const producers: AliOnsProducer[] = [];
  let consumer: AliOnsConsumer | undefined;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'rmq-acl-home-'));
    mkdirSync(join(home, 'conf'));
    writeFileSync(join(home, 'conf', 'plain_acl.yml'), YAML);
    cluster = await startClusterProcesses({ broker: ['aclEnable=true', `rocketmqHome=${home}`] });
    const admin = new MQAdmin({ namesrvAddr: cluster.namesrvAddr, accessKey: 'onsAdmin01', secretKey: 'onsAdminSecret' });
    try {
      await admin.createOrUpdateTopic({ ...newTopicConfig(TOPIC), readQueueNums: 4, writeQueueNums: 4 }, { brokerAddr: cluster.brokerAddr });
      await waitFor(async () => (await admin.examineTopicRouteInfo(TOPIC).catch(() => undefined)) !== undefined, 15_000, `route of ${TOPIC}`);
    } finally {
      await admin.close();
    }
  }, 240_000);

  afterAll(async () => {
    await consumer?.close().catch(() => undefined);
    for (const producer of producers) await producer.close().catch(() => undefined);
    await closeAliOnsInnerProducer();
    await cluster?.stop();
    rmSync(home, { recursive: true, force: true });
  }, 60_000);

  async function producer(instanceName: string, accessKey: string, secretKey: string): Promise<AliOnsProducer> {
    const created = new aliOns.Producer({ ...clientOptions(cluster.namesrvAddr, instanceName), producerGroup: `PG_${instanceName}`, accessKey, secretKey });
    producers.push(created);
    created.on('error', () => undefined);
    await created.ready();
    return created;
  }

  it('sends with the producer account and consumes every message with the consumer account', async () => {
    const sender = await producer('aclProducer', 'onsProducer', 'onsProducerSecret');
    const msgIds = new Set<string>();
    for (let i = 0; i < COUNT; i++) {
      const message = new aliOns.Message(TOPIC, 'TagA', `acl-body-${i}`);
      message.keys = [`acl-key-${i}`];
      const result = await sender.send(message);
      expect(result.sendStatus).toBe('SEND_OK');
      msgIds.add(result.msgId);
    }
    const received = new Map<string, string>();
    consumer = new aliOns.Consumer({
      ...clientOptions(cluster.namesrvAddr, 'aclConsumer'),
      consumerGroup: GROUP,
      consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
      rebalanceInterval: 1000,
      accessKey: 'onsConsumer',
      secretKey: 'onsConsumerSecret',
    });
    const errors: Error[] = [];
    consumer.on('error', (error: Error) => errors.push(error));
    consumer.subscribe(TOPIC, '*', async (message) => {
      received.set(message.msgId, message.body.toString());
    });
    await consumer.ready();
    await waitFor(() => received.size >= COUNT, 60_000, `${COUNT} messages through ali-ons under ACL`);
    expect(new Set(received.keys())).toEqual(msgIds);
    expect(new Set(received.values())).toEqual(new Set(Array.from({ length: COUNT }, (_, i) => `acl-body-${i}`)));
    expect(errors.filter((error) => /AclException/.test(error.message))).toEqual([]);
  }, 120_000);

  it('a wrong secret, or an account without PUB on the topic, cannot send; the broker says why', async () => {
    // ali-ons retries a SYSTEM_ERROR and then reports only that it failed; its kernel send shows the broker's answer.
    type Kernel = AliOnsProducer & {
      tryToFindTopicPublishInfo(topic: string): Promise<{ selectOneMessageQueue(last: string | undefined, message: unknown): unknown }>;
      sendKernelImpl(message: unknown, queue: unknown): Promise<unknown>;
    };
    const refusal = async (sender: AliOnsProducer, body: string): Promise<string> => {
      const message = new aliOns.Message(TOPIC, 'TagA', body);
      await expect(sender.send(message)).rejects.toThrow(/still failed/);
      const kernel = sender as Kernel;
      const queue = (await kernel.tryToFindTopicPublishInfo(TOPIC)).selectOneMessageQueue(undefined, message);
      return kernel.sendKernelImpl(new aliOns.Message(TOPIC, 'TagA', body), queue).then(
        () => 'stored',
        (error: Error) => error.message,
      );
    };
    const forged = await producer('forgedProducer', 'onsProducer', 'notTheSecret1');
    expect(await refusal(forged, 'forged')).toMatch(/AclException: Check signature failed for accessKey=onsProducer/);
    const reader = await producer('readerProducer', 'onsConsumer', 'onsConsumerSecret');
    expect(await refusal(reader, 'not allowed')).toMatch(/AclException: No default permission for AliOnsAclTopic/);
  }, 60_000);
});
