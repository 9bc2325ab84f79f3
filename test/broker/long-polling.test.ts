import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStoredMessages } from '../../broker-core/common/message/stored-message-decoder';
import { PullMessageResponseHeader } from '../../broker-core/protocol/headers/pull-message';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { pullRequest, sendRequest, startInProcessCluster, type InProcessCluster } from './broker-fixture';

/**
 * Long polling over TCP (semantics.md §7): a suspended pull at the queue's end is answered when a message its filter
 * accepts arrives, or with PULL_NOT_FOUND when its hold time ends; a closed connection drops it.
 */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('long polling', () => {
  let cluster: InProcessCluster;
  beforeAll(async () => {
    cluster = await startInProcessCluster();
    await cluster.client.invoke(cluster.broker.address, sendRequest('PollTopic', 'first', { tags: 'TagA' }));
    await cluster.client.invoke(cluster.broker.address, sendRequest('FilterTopic', 'first', { tags: 'TagA' }));
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const held = () => cluster.broker.controller.pullHold.size;

  it('holds a pull at the end of the queue and answers it when a message arrives', async () => {
    await cluster.broker.controller.store.waitForDispatch();
    const pending = cluster.client.invoke(cluster.broker.address, pullRequest('PollTopic', { offset: 1, suspendMs: 20_000, subscription: '*' }), 25_000);
    await until(() => held() === 1);
    await cluster.client.invoke(cluster.broker.address, sendRequest('PollTopic', 'second'));
    const response = await pending;
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(decodeStoredMessages(response.body ?? Buffer.alloc(0)).map((m) => m.body.toString())).toEqual(['second']);
    expect(held()).toBe(0);
  });

  it('keeps it parked while only non-matching tags arrive', async () => {
    await cluster.broker.controller.store.waitForDispatch();
    const pending = cluster.client.invoke(cluster.broker.address, pullRequest('FilterTopic', { offset: 1, suspendMs: 20_000, subscription: 'TagA' }), 25_000);
    await until(() => held() === 1);
    await cluster.client.invoke(cluster.broker.address, sendRequest('FilterTopic', 'b', { tags: 'TagB' }));
    await cluster.broker.controller.store.waitForDispatch();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(held()).toBe(1);
    await cluster.client.invoke(cluster.broker.address, sendRequest('FilterTopic', 'a', { tags: 'TagA' }));
    const response = await pending;
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(decodeStoredMessages(response.body ?? Buffer.alloc(0)).map((m) => m.body.toString())).toEqual(['a']);
    expect(PullMessageResponseHeader.decode(response.extFields).nextBeginOffset).toBe(3);
  });

  it('answers PULL_NOT_FOUND when the hold time ends', async () => {
    await cluster.broker.controller.store.waitForDispatch();
    const response = await cluster.client.invoke(cluster.broker.address, pullRequest('PollTopic', { offset: 2, suspendMs: 200, subscription: '*' }), 5000);
    expect([response.code, response.remark]).toEqual([ResponseCode.PULL_NOT_FOUND, 'OFFSET_OVERFLOW_ONE']);
    expect(held()).toBe(0);
  });

  it('drops a held pull when its connection closes', async () => {
    const other = new RemotingClient();
    const pending = other.invoke(cluster.broker.address, pullRequest('PollTopic', { offset: 2, suspendMs: 20_000, subscription: '*' }), 25_000).catch((error: unknown) => error);
    await until(() => held() === 1);
    await other.close();
    await until(() => held() === 0);
    expect(await pending).toBeInstanceOf(Error);
  });
});
