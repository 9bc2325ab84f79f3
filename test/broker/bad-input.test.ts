import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { CreateTopicRequestHeader } from '../../broker-core/protocol/headers/admin-topic';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest, type RemotingCommand } from '../../broker-core/remoting/remoting-command';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';

/**
 * Malformed and refused requests answer the protocol's error code with a clear remark (or close only the offending
 * connection), while a well-behaved client on its own connection keeps being served during and after.
 */
describe('bad input', () => {
  let cluster: InProcessCluster;
  let bad: RemotingClient;
  const expectAnswer = async (request: RemotingCommand, code: number, remark?: string | RegExp) => {
    const response = await bad.invoke(cluster.broker.address, request, 5000);
    expect(response.code).toBe(code);
    if (typeof remark === 'string') expect(response.remark).toBe(remark);
    else if (remark) expect(response.remark).toMatch(remark);
  };

  beforeAll(async () => {
    cluster = await startInProcessCluster({ autoCreateTopicEnable: false, maxMessageSize: 64 * 1024, enablePropertyFilter: true });
    const extFields = CreateTopicRequestHeader.encode({ topic: 'GoodTopic', defaultTopic: 'TBW102', readQueueNums: 1, writeQueueNums: 1, perm: 6, topicFilterType: 'SINGLE_TAG', order: false });
    await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
    bad = new RemotingClient({ name: 'bad-client' });
  });
  afterAll(async () => {
    await bad?.close();
    await cluster?.close();
  });

  it('refuses each bad request with its code while a well-behaved client keeps producing and consuming', async () => {
    const good = new RemotingClient({ name: 'good-client' });
    let stop = false;
    let served = 0;
    const failures: string[] = [];
    const wellBehaved = (async () => {
      let offset = 0;
      while (!stop && served < 2000) {
        const sent = await good.invoke(cluster.broker.address, sendRequest('GoodTopic', `ok-${served}`));
        if (sent.code !== ResponseCode.SUCCESS) failures.push(`send ${sent.code} ${sent.remark}`);
        await cluster.broker.controller.store.waitForDispatch();
        const pulled = await good.invoke(cluster.broker.address, pullRequest('GoodTopic', { offset, subscription: '*', group: 'GoodGroup' }));
        if (pulled.code !== ResponseCode.SUCCESS) failures.push(`pull ${pulled.code} ${pulled.remark}`);
        offset += decodeStoredMessages(pulled.body ?? Buffer.alloc(0)).length;
        served++;
      }
    })();

    await expectAnswer(sendRequest('GoodTopic', Buffer.alloc(64 * 1024 + 1, 7)), ResponseCode.MESSAGE_ILLEGAL, /maxMessageSize 65536/);
    await expectAnswer(sendRequest('bad topic!', 'x'), ResponseCode.SYSTEM_ERROR, 'The specified topic[bad topic!] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
    await expectAnswer(sendRequest('T'.repeat(128), 'x'), ResponseCode.SYSTEM_ERROR, 'The specified topic is longer than topic max length 127.');
    await expectAnswer(sendRequest('NoSuchTopic', 'x'), ResponseCode.TOPIC_NOT_EXIST, 'topic[NoSuchTopic] not exist, apply first please!');
    await expectAnswer(sendRequest('SCHEDULE_TOPIC_XXXX', 'x'), ResponseCode.NO_PERMISSION, 'Sending message to topic[SCHEDULE_TOPIC_XXXX] is forbidden.');
    await expectAnswer(sendRequest('GoodTopic', 'x', { queueId: 5 }), ResponseCode.SYSTEM_ERROR, /^request queueId\[5\] is illegal/);
    const noTopic = sendRequest('GoodTopic', 'x');
    delete noTopic.extFields?.b;
    await expectAnswer(noTopic, ResponseCode.SYSTEM_ERROR, "the header field 'b' is required");
    await expectAnswer(createRequest(RequestCode.SEND_BATCH_MESSAGE, { extFields: sendRequest('GoodTopic', '').extFields, body: Buffer.from('garbage') }), ResponseCode.MESSAGE_ILLEGAL, /malformed/);

    await expectAnswer(pullRequest('GoodTopic', { subscription: 'a >>> b', expressionType: 'SQL92' }), ResponseCode.SUBSCRIPTION_PARSE_FAILED, /^parse the consumer's subscription\[a >>> b\] failed/);
    await expectAnswer(pullRequest('GoodTopic', { subscription: '||' }), ResponseCode.SUBSCRIPTION_PARSE_FAILED);
    await expectAnswer(pullRequest('GoodTopic', { queueId: 9, subscription: '*' }), ResponseCode.SYSTEM_ERROR, /^queueId\[9\] is illegal/);
    await expectAnswer(pullRequest('NoSuchTopic', { subscription: '*' }), ResponseCode.TOPIC_NOT_EXIST);
    await expectAnswer(pullRequest('GoodTopic', { group: 'NoHeartbeatGroup' }), ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's group info not exist");
    await expectAnswer(createRequest(RequestCode.HEART_BEAT, { body: Buffer.from('{not json') }), ResponseCode.SYSTEM_ERROR, /^bad heartbeat body/);
    await expectAnswer(createRequest(9999), ResponseCode.REQUEST_CODE_NOT_SUPPORTED, ' request type 9999 not supported');

    // garbage bytes close that connection only
    const socket = connect(cluster.broker.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(Buffer.from([0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03, 0x04]));
    await closed;

    // the property filter switched off: SQL92 pulls are refused as upstream does
    await bad.invoke(cluster.broker.address, createRequest(RequestCode.UPDATE_BROKER_CONFIG, { body: Buffer.from('enablePropertyFilter=false') }));
    await expectAnswer(pullRequest('GoodTopic', { subscription: 'a > 1', expressionType: 'SQL92' }), ResponseCode.SYSTEM_ERROR, 'The broker does not support consumer to filter message by SQL92');

    const servedDuring = served;
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await wellBehaved;
    await good.close();
    expect(failures).toEqual([]);
    expect(servedDuring).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(servedDuring);
  });
});
