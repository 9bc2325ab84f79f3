import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { javaCrc32 } from '../../common/crc32';
import { encodeRegisterBrokerBody } from '../../protocol/bodies/register-broker-body';
import { newTopicConfig } from '../../protocol/bodies/topic-config';
import { encodeTopicConfigWrapper } from '../../protocol/bodies/topic-config-wrapper';
import { decodeTopicRouteData } from '../../protocol/bodies/topic-route-data';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import {
  brokerRegistration,
  rawRequest,
  startFixture,
  type NamesrvFixture,
  type RequestFields,
} from './namesrv-fixture';

describe('nameserver registration and route lookup over TCP', () => {
  let fx: NamesrvFixture;

  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  const raw = (code: number, extFields: RequestFields = {}, version?: number, body?: Buffer) =>
    rawRequest(fx, code, extFields, version, body);

  it('registers a master and serves its route with the broker address and queues', async () => {
    const result = await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    expect(result).toEqual({});
    const route = await fx.client.getTopicRouteInfo('TopicA');
    expect(route).toEqual({
      queueDatas: [{ brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 }],
      brokerDatas: [{ cluster: 'DefaultCluster', brokerName: 'broker-a', brokerAddrs: { '0': '127.0.0.1:10911' } }],
      filterServerTable: {},
    });
  });

  it('writes route JSON with bare broker-id keys for old clients and quoted keys for >= 4.9.4 or acceptStandardJsonOnly', async () => {
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    const expectedBare =
      '{"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}],' +
      '"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}';
    const expectedStandard = expectedBare.replace('{0:', '{"0":');

    const aliOns = await raw(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicA' }, 121);
    expect(aliOns.body?.toString()).toBe(expectedBare);
    const java493 = await raw(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicA' }, 399);
    expect(java493.body?.toString()).toBe(expectedBare);
    const asked = await raw(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicA', acceptStandardJsonOnly: true }, 399);
    expect(asked.body?.toString()).toBe(expectedStandard);
    const java494 = await raw(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'TopicA' }, 401);
    expect(java494.body?.toString()).toBe(expectedStandard);
    expect(JSON.parse(expectedStandard)).toBeTruthy(); // the standard form is plain JSON
    // both forms decode to the same route
    expect(decodeTopicRouteData(aliOns.body!)).toEqual(decodeTopicRouteData(java494.body!));
  });

  it('answers TOPIC_NOT_EXIST with upstream remark for an unknown topic; the client gives undefined', async () => {
    const response = await raw(RequestCode.GET_ROUTEINFO_BY_TOPIC, { topic: 'NoSuchTopic' });
    expect(response.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(response.remark).toBe(
      'No topic route info in name server for the topic: NoSuchTopic\nSee http://rocketmq.apache.org/docs/faq/ for further details.',
    );
    await expect(fx.client.getTopicRouteInfo('NoSuchTopic')).resolves.toBeUndefined();
  });

  it('registers a slave: answers its master and HA address, adds its address, and leaves queue data alone', async () => {
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    const slave = brokerRegistration({
      brokerId: 1,
      counter: 9,
      topics: [newTopicConfig('TopicA', { readQueueNums: 16, writeQueueNums: 16 }), newTopicConfig('OnlyOnSlave')],
    });
    const result = await fx.client.registerBroker(fx.namesrv.address, slave);
    expect(result).toEqual({ masterAddr: '127.0.0.1:10911', haServerAddr: '127.0.0.1:10912' });

    const route = await fx.client.getTopicRouteInfo('TopicA');
    expect(route?.brokerDatas[0].brokerAddrs).toEqual({ '0': '127.0.0.1:10911', '1': '127.0.0.1:10921' });
    expect(route?.queueDatas).toEqual([
      { brokerName: 'broker-a', readQueueNums: 4, writeQueueNums: 4, perm: 6, topicSysFlag: 0 },
    ]);
    await expect(fx.client.getTopicRouteInfo('OnlyOnSlave')).resolves.toBeUndefined();
  });

  it('gives a slave no master address while its master is not registered', async () => {
    const result = await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ brokerId: 1 }));
    expect(result).toEqual({});
  });

  it('updates queue data only when the master data version changes', async () => {
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ counter: 1 }));
    const eight = [newTopicConfig('TopicA', { readQueueNums: 8, writeQueueNums: 8 })];
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ counter: 1, topics: eight }));
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.queueDatas[0].writeQueueNums).toBe(4);
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration({ counter: 2, topics: eight }));
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.queueDatas[0].writeQueueNums).toBe(8);
  });

  it('answers QUERY_DATA_VERSION with changed and its own copy', async () => {
    const registration = brokerRegistration({ counter: 5 });
    await fx.client.registerBroker(fx.namesrv.address, registration);
    const identity = {
      clusterName: 'DefaultCluster',
      brokerName: 'broker-a',
      brokerAddr: '127.0.0.1:10911',
      brokerId: 0,
    };
    const same = await fx.client.queryDataVersion(fx.namesrv.address, identity, {
      counter: 5,
      timestamp: 1_700_000_000_000,
    });
    expect(same).toEqual({ changed: false, namesrvDataVersion: { counter: 5, timestamp: 1_700_000_000_000 } });
    const newer = await fx.client.queryDataVersion(fx.namesrv.address, identity, {
      counter: 6,
      timestamp: 1_700_000_000_500,
    });
    expect(newer.changed).toBe(true);
  });

  it('refuses a body whose bodyCrc32 does not match with SYSTEM_ERROR "crc32 not match"', async () => {
    const registration = brokerRegistration();
    const body = encodeRegisterBrokerBody(registration.body);
    const header = {
      brokerName: 'broker-a',
      brokerAddr: '127.0.0.1:10911',
      clusterName: 'DefaultCluster',
      haServerAddr: '127.0.0.1:10912',
      brokerId: 0,
    };
    const bad = await raw(
      RequestCode.REGISTER_BROKER,
      { ...header, bodyCrc32: (javaCrc32(body) + 1) & 0x7fffffff },
      409,
      body,
    );
    expect(bad.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(bad.remark).toBe('crc32 not match');
    await expect(fx.client.getTopicRouteInfo('TopicA')).resolves.toBeUndefined();
    // 0 means "not checked"
    const unchecked = await raw(RequestCode.REGISTER_BROKER, { ...header, bodyCrc32: 0 }, 409, body);
    expect(unchecked.code).toBe(ResponseCode.SUCCESS);
    expect(await fx.client.getTopicRouteInfo('TopicA')).toBeDefined();
  });

  it('reads the compressed body form, and a bare topic wrapper from brokers older than 3.0.11', async () => {
    await fx.client.registerBroker(fx.namesrv.address, {
      ...brokerRegistration({ topics: [newTopicConfig('Zipped', { writeQueueNums: 2 })] }),
      compressed: true,
    });
    expect((await fx.client.getTopicRouteInfo('Zipped'))?.queueDatas[0].writeQueueNums).toBe(2);

    const wrapper = {
      topicConfigTable: { Ancient: newTopicConfig('Ancient', { readQueueNums: 3, writeQueueNums: 3 }) },
      dataVersion: { counter: 1, timestamp: 1 },
    };
    const old = await raw(
      RequestCode.REGISTER_BROKER,
      {
        brokerName: 'broker-old',
        brokerAddr: '127.0.0.1:20911',
        clusterName: 'OldCluster',
        haServerAddr: '127.0.0.1:20912',
        brokerId: 0,
      },
      36,
      encodeTopicConfigWrapper(wrapper),
    );
    expect(old.code).toBe(ResponseCode.SUCCESS);
    expect((await fx.client.getTopicRouteInfo('Ancient'))?.queueDatas[0]).toMatchObject({
      brokerName: 'broker-old',
      readQueueNums: 3,
    });
  });

  it('refuses an undecodable body and a missing required header with SYSTEM_ERROR', async () => {
    const header = {
      brokerName: 'b',
      brokerAddr: '127.0.0.1:1',
      clusterName: 'c',
      haServerAddr: '127.0.0.1:2',
      brokerId: 0,
    };
    const garbage = await raw(RequestCode.REGISTER_BROKER, header, 409, Buffer.from('{"topicConfigSerializeWrapper":'));
    expect(garbage.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(garbage.remark).toMatch(/^Failed to decode RegisterBrokerBody/);
    const { brokerName: _omitted, ...withoutName } = header;
    const missing = await raw(RequestCode.REGISTER_BROKER, withoutName, 409);
    expect(missing.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(missing.remark).toContain('brokerName');
  });

  it('answers malformed and unsupported requests with codes, and the client surfaces code and remark', async () => {
    const noHeader = await raw(RequestCode.GET_TOPICS_BY_CLUSTER);
    expect(noHeader.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(noHeader.remark).toContain("'cluster'");
    const unknownCode = await raw(9999);
    expect(unknownCode.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    const thrown = await fx.client
      .updateNamesrvConfig({ kvConfigPath: '/tmp/elsewhere' })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ResponseCodeError);
    expect((thrown as ResponseCodeError).code).toBe(ResponseCode.NO_PERMISSION);
    expect((thrown as ResponseCodeError).remark).toBe('Can not update config in black list.');
  });
});
