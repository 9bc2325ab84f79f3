/** Typed URL builders: pages the browser shows and the API they read. */
export const paths = {
  dashboard: () => '/',
  cluster: () => '/cluster',
  topics: () => '/topics',
  consumers: () => '/consumers',
  producers: () => '/producers',
  messages: () => '/messages',
  deadLetters: () => '/dead-letters',
  trace: () => '/trace',
  ops: () => '/ops',
} as const;

export const apiPaths = {
  clusters: () => '/api/clusters',
  clusterBrokers: (clusterId: string) => `/api/clusters/${encodeURIComponent(clusterId)}/brokers`,
} as const;
