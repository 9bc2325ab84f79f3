'use client';

import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { useTopicRouting } from '@/lib/api/topics';
import { useText } from '@/lib/i18n/i18n-provider';
import type { TopicRoute } from '@/lib/validations/topic-detail';

type BrokerAddr = { cluster: string; brokerName: string; brokerId: number; address: string };

/** The topic's route as the nameserver gives it: broker addresses and queue data (rocketmq-dashboard's ROUTER). */
export function TopicRouteView({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useText('topics');
  const query = useTopicRouting(clusterId, topic);
  const addrs: BrokerAddr[] | undefined = query.data?.brokers.flatMap((broker) => broker.addrs.map((addr) => ({ cluster: broker.cluster, brokerName: broker.brokerName, ...addr })));
  const brokerColumns: DataTableColumn<BrokerAddr>[] = [
    { id: 'cluster', header: t.route.cluster, width: '25%', cell: (row) => row.cluster },
    { id: 'broker', header: t.route.broker, width: '25%', cellTestId: 'route-broker', cell: (row) => row.brokerName },
    { id: 'id', header: t.route.brokerId, width: '5rem', numeric: true, cell: (row) => row.brokerId },
    { id: 'address', header: t.route.address, width: '30%', cellTestId: 'route-address', className: 'font-mono text-xs', cell: (row) => row.address },
  ];
  const queueColumns: DataTableColumn<TopicRoute['queues'][number]>[] = [
    { id: 'broker', header: t.route.broker, width: '30%', cell: (row) => row.brokerName },
    { id: 'read', header: t.route.read, width: '9rem', numeric: true, cellTestId: 'route-read', cell: (row) => row.readQueueNums },
    { id: 'write', header: t.route.write, width: '9rem', numeric: true, cellTestId: 'route-write', cell: (row) => row.writeQueueNums },
    { id: 'perm', header: t.route.perm, width: '6rem', numeric: true, cellTestId: 'route-perm', cell: (row) => row.perm },
    { id: 'flag', header: t.route.sysFlag, width: '7rem', numeric: true, cell: (row) => row.topicSysFlag },
  ];
  return (
    <div className="space-y-4">
      <section>
        <h3 className="mb-2 text-sm font-semibold">{t.route.brokers}</h3>
        <DataTable
          testId="topic-route-brokers"
          rowTestId="route-broker-row"
          columns={brokerColumns}
          rows={addrs}
          rowKey={(row) => `${row.brokerName}/${row.brokerId}`}
          error={query.error?.message}
          errorTitle={t.route.errorTitle}
          onRetry={() => void query.refetch()}
        />
      </section>
      <section>
        <h3 className="mb-2 text-sm font-semibold">{t.route.queues}</h3>
        <DataTable testId="topic-route-queues" rowTestId="route-queue-row" columns={queueColumns} rows={query.data?.queues} rowKey={(row) => row.brokerName} error={query.error?.message} errorTitle={t.route.errorTitle} />
      </section>
      {query.data?.orderTopicConf ? (
        <p className="text-sm">
          {t.route.orderConf}: <span className="font-mono">{query.data.orderTopicConf}</span>
        </p>
      ) : null}
    </div>
  );
}
