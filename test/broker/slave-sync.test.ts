import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrokerHandle } from '../../broker-core/broker/index';
import type { SlaveSynchronize } from '../../broker-core/broker/slave/slave-synchronize';
import { parseFastjson } from '../../broker-core/common/fastjson';
import { decodeConsumerOffsetWrapper, encodeConsumerOffsetWrapper } from '../../broker-core/protocol/bodies/consumer-offset-wrapper';
import { decodeSubscriptionGroupWrapper, encodeSubscriptionGroupConfig, encodeSubscriptionGroupWrapper, newSubscriptionGroupConfig } from '../../broker-core/protocol/bodies/subscription-group-config';
import { parseTopicConfigWrapper } from '../../broker-core/protocol/bodies/topic-config-wrapper';
import { CreateTopicRequestHeader } from '../../broker-core/protocol/headers/admin-topic';
import { UpdateConsumerOffsetRequestHeader } from '../../broker-core/protocol/headers/consumer-offset';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest, createResponse } from '../../broker-core/remoting/remoting-command';
import { RemotingServer } from '../../broker-core/remoting/remoting-server';
import { sendRequest, startInProcessCluster, startSlaveBroker, type InProcessCluster } from './broker-fixture';
import { eventually } from './client-fixture';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';

/** Slave metadata synchronization (spec/ha.md §4): a SLAVE pulls topics, offsets, delay offsets and groups. */
describe('slave metadata synchronization', () => {
  let cluster: InProcessCluster;
  let slave: BrokerHandle;
  const delayLevels = { messageDelayLevel: '1s 1s', flushDelayOffsetInterval: 100 };

  const call = (addr: string, code: number, extFields?: Record<string, string>, body?: Buffer) => cluster.client.invoke(addr, createRequest(code, { extFields, body }), 5000);
  const createTopic = (addr: string, topic: string, queues: number) =>
    call(addr, RequestCode.UPDATE_AND_CREATE_TOPIC, CreateTopicRequestHeader.encode({ topic, defaultTopic: 'TBW102', readQueueNums: queues, writeQueueNums: queues, perm: 6, topicFilterType: 'SINGLE_TAG', order: false }));
  const commit = (addr: string, group: string, topic: string, queueId: number, commitOffset: number) =>
    call(addr, RequestCode.UPDATE_CONSUMER_OFFSET, UpdateConsumerOffsetRequestHeader.encode({ consumerGroup: group, topic, queueId, commitOffset }));
  const allTopics = async (addr: string) => parseTopicConfigWrapper((await call(addr, RequestCode.GET_ALL_TOPIC_CONFIG)).body ?? Buffer.alloc(0));
  const allGroups = async (addr: string) => decodeSubscriptionGroupWrapper((await call(addr, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG)).body ?? Buffer.alloc(0));
  const allOffsets = async (addr: string) => decodeConsumerOffsetWrapper((await call(addr, RequestCode.GET_ALL_CONSUMER_OFFSET)).body ?? Buffer.alloc(0)).offsetTable;
  const configFile = (broker: BrokerHandle, name: string) => join(broker.config.storePathRootDir, 'config', name);
  const slaveSync = (): SlaveSynchronize => {
    const sync = slave.controller.slaveSync;
    if (!sync) throw new Error('the slave has no SlaveSynchronize');
    return sync;
  };

  beforeAll(async () => {
    cluster = await startInProcessCluster(delayLevels);
    slave = await startSlaveBroker(cluster, delayLevels);
  });
  afterAll(async () => {
    await slave?.shutdown();
    await cluster?.close();
  });

  it('learns its master from the registration reply; a master has no synchronizer', () => {
    expect(slaveSync().masterAddr).toBe(cluster.broker.address);
    expect(cluster.broker.controller.slaveSync).toBeUndefined();
  });

  it('copies topics, groups, offsets and delay offsets from the master, and persists them', async () => {
    const master = cluster.broker.address;
    expect((await createTopic(master, 'SyncTopic', 3)).code).toBe(ResponseCode.SUCCESS);
    const group = newSubscriptionGroupConfig('SyncGroup', { retryMaxTimes: 5, consumeBroadcastEnable: false });
    expect((await call(master, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, undefined, encodeSubscriptionGroupConfig(group))).code).toBe(ResponseCode.SUCCESS);
    expect((await commit(master, 'SyncGroup', 'SyncTopic', 0, 7)).code).toBe(ResponseCode.SUCCESS);
    expect((await commit(master, 'SyncGroup', 'SyncTopic', 2, 3)).code).toBe(ResponseCode.SUCCESS);
    // Offsets committed on the slave directly (the master down, spec/ha.md §5): a key the master also has loses.
    expect((await commit(slave.address, 'SyncGroup', 'SyncTopic', 0, 99)).code).toBe(ResponseCode.SUCCESS);
    expect((await commit(slave.address, 'SlaveOnlyGroup', 'SyncTopic', 1, 4)).code).toBe(ResponseCode.SUCCESS);
    // A delivered DELAY=1 message moves the master's delay offset of level 1.
    expect((await cluster.client.invoke(master, sendRequest('SyncDelayTopic', 'later', { properties: { DELAY: '1' } }))).code).toBe(ResponseCode.SUCCESS);
    await eventually(async () => (await call(master, RequestCode.GET_ALL_DELAY_OFFSET)).body?.toString() === '{"offsetTable":{1:1}}', 10_000, 'delay delivery');

    await slaveSync().syncNow();

    const masterTopics = await allTopics(master);
    const slaveTopics = await allTopics(slave.address);
    expect(slaveTopics.topicConfigTable.SyncTopic).toMatchObject({ readQueueNums: 3, writeQueueNums: 3, perm: 6 });
    expect(slaveTopics.dataVersion).toEqual(masterTopics.dataVersion);
    expect(Object.keys(slaveTopics.topicConfigTable).sort()).toEqual(Object.keys(masterTopics.topicConfigTable).sort());

    const slaveGroups = await allGroups(slave.address);
    expect(slaveGroups.subscriptionGroupTable.SyncGroup).toEqual(group);
    expect(slaveGroups.dataVersion).toEqual((await allGroups(master)).dataVersion);

    const offsets = await allOffsets(slave.address);
    expect(offsets.get('SyncTopic@SyncGroup')).toEqual(new Map([[0, 7], [2, 3]]));
    expect(offsets.get('SyncTopic@SlaveOnlyGroup')).toEqual(new Map([[1, 4]]));

    expect(readFileSync(configFile(slave, 'delayOffset.json'), 'utf8')).toBe('{"offsetTable":{1:1}}');
    expect(parseTopicConfigWrapper(readFileSync(configFile(slave, 'topics.json'))).topicConfigTable.SyncTopic?.readQueueNums).toBe(3);
    expect(decodeSubscriptionGroupWrapper(readFileSync(configFile(slave, 'subscriptionGroup.json'))).subscriptionGroupTable.SyncGroup?.retryMaxTimes).toBe(5);
    const offsetFile = decodeConsumerOffsetWrapper(readFileSync(configFile(slave, 'consumerOffset.json'))).offsetTable;
    expect(offsetFile.get('SyncTopic@SyncGroup')?.get(0)).toBe(7);
    expect(offsetFile.get('SyncTopic@SlaveOnlyGroup')?.get(1)).toBe(4);
  });

  it('replaces the whole table when the version differs and leaves it alone when it does not', async () => {
    // Admin requests refuse topic changes on a slave; a local entry still can exist (e.g. from before a role change).
    const refused = await createTopic(slave.address, 'SlaveLocalTopic', 1);
    expect([refused.code, refused.remark]).toEqual([ResponseCode.SYSTEM_ERROR, "Can't modify topic or subscription group from slave broker, please execute it from master broker."]);
    slave.controller.topics.updateTopicConfig(newTopicConfig('SlaveLocalTopic'));
    expect((await allTopics(slave.address)).topicConfigTable.SlaveLocalTopic).toBeDefined();
    await slaveSync().syncNow();
    expect((await allTopics(slave.address)).topicConfigTable.SlaveLocalTopic).toBeUndefined();

    const replaceTopics = vi.spyOn(slave.controller.topics, 'replaceAll');
    const replaceGroups = vi.spyOn(slave.controller.groups, 'replaceAll');
    try {
      await slaveSync().syncNow();
      expect(replaceTopics).not.toHaveBeenCalled();
      expect(replaceGroups).not.toHaveBeenCalled();
    } finally {
      replaceTopics.mockRestore();
      replaceGroups.mockRestore();
    }
  });

  it('never syncs from itself', async () => {
    await slaveSync().syncNow();
    const invoke = vi.spyOn(slave.controller.remotingClient, 'invoke');
    try {
      slaveSync().setMasterAddr(slave.address);
      await slaveSync().syncNow();
      slaveSync().setMasterAddr(undefined);
      await slaveSync().syncNow();
      expect(invoke).not.toHaveBeenCalled();
    } finally {
      invoke.mockRestore();
      slaveSync().setMasterAddr(cluster.broker.address);
    }
  });

  it('asks in upstream order, and a failing step does not stop the later ones', async () => {
    // A master whose topic answer is an error and whose delay offsets are not JSON.
    const fake = new RemotingServer({ name: 'fake-master' });
    const asked: number[] = [];
    const answer = (code: number, responseCode: number, body: Buffer) =>
      fake.processors.register(code, (request) => {
        asked.push(code);
        return createResponse(request, responseCode, { body, remark: responseCode === ResponseCode.SUCCESS ? undefined : 'broken' });
      });
    answer(RequestCode.GET_ALL_TOPIC_CONFIG, ResponseCode.SYSTEM_ERROR, Buffer.alloc(0));
    answer(RequestCode.GET_ALL_CONSUMER_OFFSET, ResponseCode.SUCCESS, encodeConsumerOffsetWrapper({ offsetTable: new Map([['FakeTopic@FakeGroup', new Map([[0, 42]])]]) }));
    answer(RequestCode.GET_ALL_DELAY_OFFSET, ResponseCode.SUCCESS, Buffer.from('not json'));
    const fakeGroups = { subscriptionGroupTable: { FakeGroup: newSubscriptionGroupConfig('FakeGroup') }, dataVersion: { timestamp: 1, counter: 1 } };
    answer(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, ResponseCode.SUCCESS, encodeSubscriptionGroupWrapper(fakeGroups));
    const port = await fake.listen(0, '127.0.0.1');
    const delayBefore = readFileSync(configFile(slave, 'delayOffset.json'), 'utf8');
    try {
      // Let a timer round in flight finish first, then start ours at once (it reads the address synchronously).
      await slaveSync().syncNow();
      slaveSync().setMasterAddr(`127.0.0.1:${port}`);
      await slaveSync().syncNow();
      expect(asked).toEqual([RequestCode.GET_ALL_TOPIC_CONFIG, RequestCode.GET_ALL_CONSUMER_OFFSET, RequestCode.GET_ALL_DELAY_OFFSET, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG]);
      expect(slave.controller.topics.selectTopicConfig('SyncTopic')).toBeDefined();
      expect(slave.controller.offsets.queryOffset('FakeGroup', 'FakeTopic', 0)).toBe(42);
      // A body that is not a delay offset table does not replace the file.
      expect(readFileSync(configFile(slave, 'delayOffset.json'), 'utf8')).toBe(delayBefore);
      expect(slave.controller.groups.groupNames()).toEqual(['FakeGroup']);
    } finally {
      slaveSync().setMasterAddr(cluster.broker.address);
      await fake.close();
    }
    await slaveSync().syncNow();
    expect(slave.controller.groups.get('SyncGroup')).toBeDefined();
  });

  it('syncs on its own about 3 s after start, and keeps the synced delay offsets over a shutdown', async () => {
    expect((await createTopic(cluster.broker.address, 'TimerTopic', 2)).code).toBe(ResponseCode.SUCCESS);
    const second = await startSlaveBroker(cluster, { ...delayLevels, brokerId: 2, storePathRootDir: join(cluster.dir, 'slave-2-store') });
    try {
      expect(second.controller.topics.selectTopicConfig('TimerTopic')).toBeUndefined();
      await eventually(() => second.controller.topics.selectTopicConfig('TimerTopic') !== undefined, 8000, 'first timed sync');
      await eventually(() => existsSync(configFile(second, 'delayOffset.json')), 5000, 'delayOffset.json');
    } finally {
      await second.shutdown();
    }
    expect(parseFastjson(readFileSync(configFile(second, 'delayOffset.json'), 'utf8'))).toEqual({ offsetTable: { 1: 1 } });
  });
});
