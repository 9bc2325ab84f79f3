'use client';

import { useState, type FormEvent } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { useProducerConnections, useProducerGroups } from '@/lib/api/producers';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { producerQuerySchema, type ProducerConnectionRow } from '@/lib/validations/producer';

/**
 * rocketmq-dashboard's producer page: a topic and a producer group in, the group's clients connected to the topic's
 * brokers out (client id, address, language, version), refreshed every few seconds. Brokers that report their
 * producer groups (ours and RocketMQ 5) also fill a list to pick the group from.
 */
export function ProducerView() {
  const t = useText('producers');
  const format = useFormat();
  const { clusterId } = useSelectedCluster();
  const [topic, setTopic] = useState('');
  const [group, setGroup] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [query, setQuery] = useState<{ cluster: string; topic: string; group: string } | undefined>();
  const connections = useProducerConnections(query);
  const groups = useProducerGroups(query ? { cluster: query.cluster, topic: query.topic } : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = producerQuerySchema.safeParse({ cluster: clusterId, topic, group });
    setErrors(fieldErrors(parsed.error));
    if (parsed.success) setQuery(parsed.data);
  };

  const columns: DataTableColumn<ProducerConnectionRow>[] = [
    { id: 'clientId', header: t.columns.clientId, width: '36%', cellTestId: 'producer-client-id', className: 'font-mono text-xs', sortValue: (row) => row.clientId, cell: (row) => <span title={row.clientId}>{row.clientId}</span> },
    { id: 'clientAddr', header: t.columns.clientAddr, width: '24%', cellTestId: 'producer-client-addr', className: 'font-mono text-xs', sortValue: (row) => row.clientAddr, cell: (row) => row.clientAddr },
    { id: 'language', header: t.columns.language, width: '14%', cellTestId: 'producer-language', sortValue: (row) => row.language, cell: (row) => row.language },
    { id: 'version', header: t.columns.version, width: '14%', cellTestId: 'producer-version', sortValue: (row) => row.version, cell: (row) => row.versionDesc },
  ];

  return (
    <div className="space-y-4">
      <form noValidate onSubmit={submit} data-testid="producer-form" className="flex flex-wrap items-start gap-3">
        <Field label={t.topic} error={errors.topic} testId="producer-topic" className="w-80">
          <TextInput data-testid="producer-topic" value={topic} onChange={(event) => setTopic(event.target.value)} />
        </Field>
        <Field label={t.group} error={errors.group} testId="producer-group" className="w-80">
          <TextInput data-testid="producer-group" value={group} list="producer-group-options" onChange={(event) => setGroup(event.target.value)} />
          <datalist id="producer-group-options">
            {groups.data?.groups.map((entry) => (
              <option key={entry.group} value={entry.group} />
            ))}
          </datalist>
        </Field>
        <Button variant="primary" type="submit" data-testid="producer-search" className="mt-6" disabled={!clusterId}>
          {t.search}
        </Button>
        <p className="mt-7 text-xs text-muted">{t.hint}</p>
      </form>
      {query ? (
        <>
          <GroupsNote query={groups} onPick={(picked) => {
            setGroup(picked);
            setQuery({ ...query, group: picked });
          }} />
          <p data-testid="producer-total" className="text-sm text-muted tabular-nums">
            {connections.data ? `${t.total(connections.data.connections.length)} · ${format.time(connections.data.fetchedAt)}` : '\u00a0'}
          </p>
          <DataTable
            testId="producer-table"
            rowTestId="producer-row"
            columns={columns}
            rows={connections.data?.connections}
            rowKey={(row) => row.clientId}
            rowAttributes={(row) => ({ 'data-client-id': row.clientId })}
            error={connections.error?.message}
            errorTitle={t.errorTitle}
            onRetry={() => void connections.refetch()}
            refreshing={connections.isFetching && !connections.isPending}
            empty={<EmptyState title={t.emptyTitle} testId="producer-table-empty" />}
          />
        </>
      ) : (
        <EmptyState title={t.start} testId="producer-start" />
      )}
    </div>
  );
}

function GroupsNote({ query, onPick }: { query: ReturnType<typeof useProducerGroups>; onPick: (group: string) => void }) {
  const t = useText('producers');
  if (query.isPending) return null;
  if (query.isError) return <ErrorState title={t.groupsError} message={query.error.message} testId="producer-groups-error" />;
  if (!query.data.supported) return <p data-testid="producer-groups-unsupported" className="text-sm text-muted">{t.groupsUnsupported}</p>;
  return (
    <section data-testid="producer-groups">
      <h3 className="mb-1 text-sm font-semibold">{t.groupsTitle}</h3>
      {query.data.groups.length === 0 ? (
        <p className="text-sm text-muted">{t.groupsNone}</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {query.data.groups.map((entry) => (
            <li key={entry.group}>
              <Button variant="ghost" data-testid="producer-group-option" onClick={() => onPick(entry.group)}>
                {`${entry.group} · ${t.clients(entry.clients)}`}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
