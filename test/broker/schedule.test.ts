import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { decodeKVTable } from '../../broker-core/protocol/bodies/kv-table';
import { ConsumerSendMsgBackRequestHeader } from '../../broker-core/protocol/headers/consumer-send-msg-back';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest } from '../../broker-core/remoting/remoting-command';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';
import { eventually } from './client-fixture';

/** Delayed messages (semantics.md §4): parked in SCHEDULE_TOPIC_XXXX, delivered to their real topic when due. */
describe('delayed delivery', () => {
  let cluster: InProcessCluster;
  const pullAll = async (topic: string, group = 'DelayReader') => {
    await cluster.broker.controller.store.waitForDispatch();
    const response = await cluster.client.invoke(cluster.broker.address, pullRequest(topic, { subscription: '*', group }));
    return decodeStoredMessages(response.body ?? Buffer.alloc(0));
  };

  beforeAll(async () => {
    cluster = await startInProcessCluster({ messageDelayLevel: '1s 1s 1s 2s', flushDelayOffsetInterval: 100 });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('delivers a DELAY=1 message to its topic about a second later, without DELAY', async () => {
    const sentAt = Date.now();
    const sent = await cluster.client.invoke(cluster.broker.address, sendRequest('DelayedTopic', 'later', { properties: { DELAY: '1' }, tags: 'TagD' }));
    expect(sent.code).toBe(ResponseCode.SUCCESS);
    expect(await pullAll('DelayedTopic')).toEqual([]);
    let delivered: Awaited<ReturnType<typeof pullAll>> = [];
    await eventually(async () => (delivered = await pullAll('DelayedTopic')).length === 1, 10_000, 'delivery');
    const [message] = delivered;
    expect(message.body.toString()).toBe('later');
    expect(message.tags).toBe('TagD');
    expect(message.properties.has('DELAY')).toBe(false);
    expect(message.properties.get('REAL_TOPIC')).toBe('DelayedTopic');
    expect(message.storeTimestamp - sentAt).toBeGreaterThanOrEqual(900);

    const info = decodeKVTable((await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO))).body ?? Buffer.alloc(0)).table;
    expect(info.scheduleMessageOffset_1).toBe('1,1');
    const offsets = await cluster.client.invoke(cluster.broker.address, createRequest(RequestCode.GET_ALL_DELAY_OFFSET));
    expect(offsets.body?.toString()).toBe('{"offsetTable":{1:1}}');
    const file = join(cluster.broker.config.storePathRootDir, 'config', 'delayOffset.json');
    await eventually(() => existsSync(file) && readFileSync(file, 'utf8') === '{"offsetTable":{1:1}}', 5000, 'delayOffset.json');
  });

  it('brings a message handed back by a consumer to %RETRY%<group> after its delay level', async () => {
    await cluster.client.invoke(cluster.broker.address, sendRequest('RetryTopic', 'try again'));
    const [original] = await pullAll('RetryTopic');
    const back = await cluster.client.invoke(
      cluster.broker.address,
      createRequest(RequestCode.CONSUMER_SEND_MSG_BACK, { extFields: ConsumerSendMsgBackRequestHeader.encode({ offset: original.commitLogOffset, group: 'RetryGroup', delayLevel: 0 }) }),
    );
    expect(back.code).toBe(ResponseCode.SUCCESS);
    let retried: Awaited<ReturnType<typeof pullAll>> = [];
    await eventually(async () => (retried = await pullAll('%RETRY%RetryGroup', 'RetryGroup')).length === 1, 10_000, 'retry delivery');
    expect(retried[0].body.toString()).toBe('try again');
    expect(retried[0].reconsumeTimes).toBe(1);
    expect(retried[0].properties.get('RETRY_TOPIC')).toBe('RetryTopic');
  });

  it('resumes from delayOffset.json after a restart', async () => {
    await cluster.client.invoke(cluster.broker.address, sendRequest('AfterRestartTopic', 'x', { properties: { DELAY: '4' } }));
    await cluster.restartBroker({ messageDelayLevel: '1s 1s 1s 2s' });
    let delivered: Awaited<ReturnType<typeof pullAll>> = [];
    await eventually(async () => (delivered = await pullAll('AfterRestartTopic')).length === 1, 10_000, 'delivery after restart');
    expect(delivered[0].body.toString()).toBe('x');
    // what was delivered before the restart is not delivered again
    expect((await pullAll('DelayedTopic')).length).toBe(1);
  });
});
