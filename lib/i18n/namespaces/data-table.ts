import { defineMessages } from '../define-messages';

/** The shared data table's and charts' own words (components/ui/data-table*, components/charts). */
export const dataTableText = defineMessages({
  en: {
    filterPlaceholder: 'Filter',
    loading: 'Loading',
    emptyTitle: 'Nothing to show',
    noMatchTitle: 'No row matches the filter',
    errorTitle: 'Could not load the data',
    retry: 'Retry',
    previous: 'Previous',
    next: 'Next',
    refreshing: 'refreshing',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    rowsTotal: (from: number, to: number, total: number) => (total === 0 ? '0 rows' : `${from}–${to} of ${total}`),
    noSamples: 'No samples yet',
  },
  zh: {
    filterPlaceholder: '筛选',
    loading: '加载中',
    emptyTitle: '暂无数据',
    noMatchTitle: '没有符合筛选条件的行',
    errorTitle: '数据加载失败',
    retry: '重试',
    previous: '上一页',
    next: '下一页',
    refreshing: '刷新中',
    pageOf: (page, pages) => `第 ${page} / ${pages} 页`,
    rowsTotal: (from, to, total) => (total === 0 ? '0 行' : `第 ${from}–${to} 行，共 ${total} 行`),
    noSamples: '暂无采样数据',
  },
});
