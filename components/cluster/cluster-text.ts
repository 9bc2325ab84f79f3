/** Every word of the Cluster page, in one place for later translation. */
export const clusterText = {
  loadingClusters: 'Loading clusters',
  clustersError: 'Could not load the cluster list',
  noClustersTitle: 'No clusters to show',
  noClustersDescription:
    'The embedded nameserver is turned off (RMQ_EMBEDDED=0) and NAMESRV_ADDR is not set. Set NAMESRV_ADDR=host:port to manage a cluster.',
  embedded: 'embedded',
  external: 'external',
  nameserver: 'Nameserver',
  loadingBrokers: 'Loading brokers',
  brokersError: 'The nameserver did not give the broker list',
  noBrokersTitle: 'No brokers registered',
  noBrokersDescription: 'Brokers appear here a few seconds after they register with this nameserver.',
  retry: 'Retry',
  updatedAt: (time: string) => `updated ${time}`,
  columns: {
    cluster: 'Cluster',
    brokerName: 'Broker',
    brokerId: 'ID',
    role: 'Role',
    address: 'Address',
    version: 'Version',
  },
  roles: { master: 'master', slave: 'slave' },
  unreachable: 'unreachable',
  runtimeError: 'error',
};
