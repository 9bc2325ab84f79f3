import { describe, expect, it } from 'vitest';
import { groupListQuerySchema, type GroupSummary } from '../../validations/group';
import { FRESH_MS, GroupListCache, STALE_LIMIT_MS } from './group-list-cache';
import { queryGroupList } from './group-list-query';

const row = (group: string, fields: Partial<GroupSummary> = {}): GroupSummary => ({ group, clientCount: 0, consumeTps: 0, diffTotal: 0, lagSeconds: null, system: false, ...fields });
const query = (fields: Record<string, string> = {}) => groupListQuerySchema.parse({ cluster: 'embedded', ...fields });

describe('group list query', () => {
  const snapshot = {
    fetchedAt: 1,
    rows: [row('orders', { diffTotal: 5, lagSeconds: 12 }), row('billing', { diffTotal: 9 }), row('audit', { diffTotal: 5, lagSeconds: 3 }), row('TOOLS_CONSUMER', { system: true })],
  };

  it('hides system groups unless asked, filters by words, and pages', () => {
    expect(queryGroupList(snapshot, query()).rows.map((entry) => entry.group)).toEqual(['audit', 'billing', 'orders']);
    expect(queryGroupList(snapshot, query({ system: '1' })).total).toBe(4);
    expect(queryGroupList(snapshot, query({ filter: 'RDE' })).rows.map((entry) => entry.group)).toEqual(['orders']);
    const page2 = queryGroupList(snapshot, query({ pageSize: '2', page: '2' }));
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2, fetchedAt: 1 });
    expect(page2.rows.map((entry) => entry.group)).toEqual(['orders']);
  });

  it('sorts by a column both ways, ties by name, missing values last', () => {
    expect(queryGroupList(snapshot, query({ sort: 'diffTotal', dir: 'desc' })).rows.map((entry) => entry.group)).toEqual(['billing', 'audit', 'orders']);
    expect(queryGroupList(snapshot, query({ sort: 'lagSeconds', dir: 'asc' })).rows.map((entry) => entry.group)).toEqual(['audit', 'orders', 'billing']);
    expect(queryGroupList(snapshot, query({ sort: 'lagSeconds', dir: 'desc' })).rows.map((entry) => entry.group)).toEqual(['orders', 'audit', 'billing']);
  });

  it('refuses bad paging and sort keys with clear messages', () => {
    expect(groupListQuerySchema.safeParse({ cluster: 'embedded', pageSize: '500' }).error?.issues[0].message).toBe('pageSize must be between 1 and 200');
    expect(groupListQuerySchema.safeParse({ cluster: 'embedded', sort: 'nope' }).error?.issues[0].message).toMatch(/^sort must be one of group, /);
  });
});

describe('group list cache', () => {
  it('serves fresh data, serves stale data while refreshing once, and waits past the limit', async () => {
    let calls = 0;
    let release: (() => void) | undefined;
    const cache = new GroupListCache(async () => {
      calls++;
      if (calls > 1) await new Promise<void>((resolve) => (release = resolve));
      return [row(`g${calls}`)];
    });
    const first = await cache.get();
    expect(first.rows[0].group).toBe('g1');
    expect(await cache.get(first.fetchedAt + FRESH_MS - 1)).toBe(first);

    const stale = await cache.get(first.fetchedAt + FRESH_MS + 1);
    expect(stale).toBe(first); // answered at once; one refresh started
    await cache.get(first.fetchedAt + FRESH_MS + 2);
    expect(calls).toBe(2);
    const waiting = cache.get(first.fetchedAt + STALE_LIMIT_MS + 1);
    release?.();
    expect((await waiting).rows[0].group).toBe('g2');
  });

  it('after invalidate the next caller waits for new data; a failure reaches the waiting caller', async () => {
    let fail = false;
    let calls = 0;
    const cache = new GroupListCache(async () => {
      calls++;
      if (fail) throw new Error('broker down');
      return [row(`g${calls}`)];
    });
    await cache.get();
    cache.invalidate();
    expect((await cache.get()).rows[0].group).toBe('g2');
    cache.invalidate();
    fail = true;
    await expect(cache.get()).rejects.toThrow('broker down');
  });
});
