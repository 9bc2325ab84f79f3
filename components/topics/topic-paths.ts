import { withQuery } from '@/lib/api/query-string';

/** Pages of the Topics section; the topic travels in the query so %RETRY% / %DLQ% names need no path encoding rules. */
export const topicPagePaths = {
  list: () => '/topics',
  detail: (topic: string, tab?: string) => withQuery('/topics/detail', { name: topic, tab }),
};

/** Tabs of the topic detail page (rocketmq-dashboard's per-topic dialogs). Here, not in the client view: server pages read it. */
export const TOPIC_TABS = ['status', 'route', 'config', 'consumers', 'send'] as const;
export type TopicTab = (typeof TOPIC_TABS)[number];
