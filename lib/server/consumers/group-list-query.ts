import type { GroupList, GroupListQuery, GroupSortKey, GroupSummary } from '../../validations/group';
import type { GroupSnapshot } from './group-list-cache';

/**
 * Filter, sort and page a snapshot of the group list (the server pages; the browser gets one page). The filter
 * matches words in the group name; sorting is stable, with missing values last and ties broken by name.
 */
export function queryGroupList(snapshot: GroupSnapshot, query: GroupListQuery): GroupList {
  const words = query.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = snapshot.rows.filter((row) => (query.system || !row.system) && words.every((word) => row.group.toLowerCase().includes(word)));
  const sign = query.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const left = sortValue(a, query.sort);
    const right = sortValue(b, query.sort);
    if (left === right) return a.group < b.group ? -1 : a.group > b.group ? 1 : 0;
    if (left === undefined) return 1;
    if (right === undefined) return -1;
    return sign * (typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right)));
  });
  const start = (query.page - 1) * query.pageSize;
  return { rows: rows.slice(start, start + query.pageSize), total: rows.length, page: query.page, pageSize: query.pageSize, fetchedAt: snapshot.fetchedAt };
}

function sortValue(row: GroupSummary, key: GroupSortKey): string | number | undefined {
  const value = row[key];
  return value === null ? undefined : value;
}
