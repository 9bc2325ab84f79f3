import { describe, expect, it } from 'vitest';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { TopicCatalogCache } from './topic-catalog';

/** An admin whose nameserver answers the topic list when the test says so (no brokers: no per-master requests). */
function fakeAdmin() {
  const answers: Array<(topics: string[]) => void> = [];
  const admin = {
    examineBrokerClusterInfo: async () => ({ brokerAddrTable: {}, clusterAddrTable: {} }),
    fetchAllTopicList: () => new Promise<string[]>((resolve) => answers.push(resolve)),
    fetchSystemTopicList: async () => [],
    getKvListByNamespace: async () => ({}),
  } as unknown as MQAdmin;
  return { admin, answer: (index: number, topics: string[]) => answers[index](topics), fetches: () => answers.length };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TopicCatalogCache', () => {
  it('shares one fetch between concurrent callers', async () => {
    const { admin, answer, fetches } = fakeAdmin();
    const cache = new TopicCatalogCache();
    const first = cache.get('c', admin);
    const second = cache.get('c', admin);
    await flush();
    answer(0, ['A']);
    expect((await first).rows.map((row) => row.name)).toEqual(['A']);
    expect((await second).rows.map((row) => row.name)).toEqual(['A']);
    expect(fetches()).toBe(1);
  });

  it('does not hand out or keep a fetch that started before invalidate()', async () => {
    const { admin, answer, fetches } = fakeAdmin();
    const cache = new TopicCatalogCache();
    const before = cache.get('c', admin); // e.g. the sampler's, in flight while a topic is created
    await flush();
    cache.invalidate('c');
    const after = cache.get('c', admin);
    await flush();
    expect(fetches()).toBe(2);
    answer(1, ['A', 'NEW']);
    answer(0, ['A']);
    expect((await before).rows.map((row) => row.name)).toEqual(['A']);
    expect((await after).rows.map((row) => row.name)).toEqual(['A', 'NEW']);
    // The older answer, arriving last, did not replace the newer one.
    expect((await cache.get('c', admin)).rows.map((row) => row.name)).toEqual(['A', 'NEW']);
    expect(fetches()).toBe(2);
  });
});
