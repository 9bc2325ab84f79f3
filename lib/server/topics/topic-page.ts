import type { TopicList, TopicListQuery, TopicRow } from '../../validations/topic';

/**
 * Server-side filtering, sorting and paging of the cached topic list: the browser receives one page, whatever the
 * topic count. Search matches every space-separated word as a case-insensitive substring of the name; types keep a
 * topic that has any of the chosen types (no types = all).
 */
export function pageTopics(clusterId: string, rows: readonly TopicRow[], query: TopicListQuery, fetchedAt: number): TopicList {
  const words = query.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const typeCounts: Record<string, number> = {};
  const matching: TopicRow[] = [];
  for (const row of rows) {
    const name = row.name.toLowerCase();
    if (!words.every((word) => name.includes(word))) continue;
    for (const type of row.types) typeCounts[type] = (typeCounts[type] ?? 0) + 1;
    if (query.types.length > 0 && !row.types.some((type) => query.types.includes(type))) continue;
    matching.push(row);
  }
  const sign = query.dir === 'asc' ? 1 : -1;
  const byName = (a: TopicRow, b: TopicRow) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const compare =
    query.sort === 'queues'
      ? (a: TopicRow, b: TopicRow) => sign * (a.writeQueueNums - b.writeQueueNums) || byName(a, b)
      : query.sort === 'brokers'
        ? (a: TopicRow, b: TopicRow) => sign * (a.brokerNames.length - b.brokerNames.length) || byName(a, b)
        : (a: TopicRow, b: TopicRow) => sign * byName(a, b);
  matching.sort(compare);
  const lastPage = Math.max(1, Math.ceil(matching.length / query.pageSize));
  const page = Math.min(query.page, lastPage);
  return {
    clusterId,
    rows: matching.slice((page - 1) * query.pageSize, page * query.pageSize),
    total: matching.length,
    unfilteredTotal: rows.length,
    typeCounts,
    page,
    pageSize: query.pageSize,
    fetchedAt,
  };
}
