'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { MessageTable } from '@/components/messages/message-table';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { dlqApi, dlqPagePaths, useDlqMessages, useDlqTopics, type DlqSearch } from '@/lib/api/dlq';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/datetime-local';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { useMounted } from '@/lib/i18n/use-mounted';
import { dlqMessagesQuerySchema, type DlqTopic, type MessageSummary } from '@/lib/validations/message-query';
import { DlqResendPanel } from './dlq-resend-panel';

export interface DlqInitial {
  group: string;
  from: number | undefined;
  to: number | undefined;
  run: boolean;
}

/** The %DLQ% topics of the cluster, then one group's dead letters: select, resend (two ways), export. */
export function DlqView({ initial }: { initial: DlqInitial }) {
  const mounted = useMounted(); // local times depend on the browser's time zone
  const { clusterId } = useSelectedCluster();
  return (
    <div className="space-y-4">
      {clusterId ? <DlqTopicsCard clusterId={clusterId} /> : null}
      {/* keyed by the query in the URL: a new search (form or topic row) starts from its own values */}
      {clusterId && mounted ? <DlqBrowser key={`${initial.group}|${initial.from}|${initial.to}`} clusterId={clusterId} initial={initial} /> : null}
    </div>
  );
}

function DlqTopicsCard({ clusterId }: { clusterId: string }) {
  const t = useText('deadLetters');
  const format = useFormat();
  const router = useRouter();
  const topics = useDlqTopics(clusterId);
  const columns = useMemo<DataTableColumn<DlqTopic>[]>(
    () => [
      { id: 'group', header: t.columns.group, width: '40%', sortValue: (row) => row.group, cellTestId: 'dlq-topic-group', cell: (row) => row.group },
      { id: 'topic', header: t.columns.topic, width: '40%', sortValue: (row) => row.topic, cell: (row) => row.topic },
      { id: 'total', header: t.columns.total, width: '20%', numeric: true, sortValue: (row) => row.total, cellTestId: 'dlq-topic-total', cell: (row) => format.number(row.total) },
    ],
    [t, format],
  );
  return (
    <Card>
      <CardHeader title={t.topicsTitle} />
      <CardContent>
        <DataTable
          testId="dlq-topic-table"
          rowTestId="dlq-topic-row"
          columns={columns}
          rows={topics.data?.topics}
          rowKey={(row) => row.topic}
          rowAttributes={(row) => ({ 'data-group': row.group })}
          error={topics.error?.message}
          errorTitle={t.topicsError}
          onRetry={() => void topics.refetch()}
          empty={<EmptyState title={t.topicsEmpty} testId="dlq-topic-empty" />}
          initialSort={{ columnId: 'group', direction: 'asc' }}
          onRowClick={(row) => router.replace(dlqPagePaths.list({ group: row.group, from: Date.now() - 24 * 3600_000, to: Date.now() + 60_000, run: true }), { scroll: false })}
          pageSize={20}
          skeletonRows={2}
        />
      </CardContent>
    </Card>
  );
}

function DlqBrowser({ clusterId, initial }: { clusterId: string; initial: DlqInitial }) {
  const t = useText('deadLetters');
  const common = useText('common');
  const router = useRouter();
  const [group, setGroup] = useState(initial.group);
  const [from, setFrom] = useState(() => toDateTimeLocal(initial.from ?? Date.now() - 24 * 3600_000));
  const [to, setTo] = useState(() => toDateTimeLocal(initial.to ?? Date.now() + 60_000));
  const [submitted, setSubmitted] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const validation = dlqMessagesQuerySchema.safeParse({ cluster: clusterId, group, from: fromDateTimeLocal(from), to: fromDateTimeLocal(to) });
  const errors = submitted ? fieldErrors(validation.error) : {};
  const search: DlqSearch | undefined =
    initial.run && initial.group && initial.from !== undefined && initial.to !== undefined ? { cluster: clusterId, group: initial.group, from: initial.from, to: initial.to } : undefined;
  const query = useDlqMessages(search);
  const messages = useMemo(() => query.data?.pages.flatMap((page) => page.messages), [query.data]);
  const selectColumn = useMemo<DataTableColumn<MessageSummary>[]>(
    () => [
      {
        id: 'select',
        header: t.columns.select,
        width: '4.5rem',
        cell: (row) => (
          <input
            type="checkbox"
            aria-label={row.msgId}
            data-testid="dlq-select"
            checked={selected.has(row.offsetMsgId)}
            onChange={(event) => {
              const next = new Set(selected);
              if (event.target.checked) next.add(row.offsetMsgId);
              else next.delete(row.offsetMsgId);
              setSelected(next);
            }}
          />
        ),
      },
    ],
    [t, selected],
  );
  return (
    <>
      <form
        data-testid="dlq-search-form"
        noValidate
        className="flex flex-wrap items-start gap-3 rounded-md border border-border bg-surface p-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          setSelected(new Set());
          if (validation.success) router.replace(dlqPagePaths.list({ group: validation.data.group, from: validation.data.from, to: validation.data.to, run: true }), { scroll: false });
        }}
      >
        <Field label={t.group} error={errors.group} testId="dlq-group-field" className="min-w-[16rem]">
          <TextInput data-testid="dlq-group" value={group} onChange={(event) => setGroup(event.target.value)} />
        </Field>
        <Field label={t.from} error={errors.from} testId="dlq-from-field">
          <TextInput type="datetime-local" step={1} data-testid="dlq-from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </Field>
        <Field label={t.to} error={errors.to} testId="dlq-to-field">
          <TextInput type="datetime-local" step={1} data-testid="dlq-to" value={to} onChange={(event) => setTo(event.target.value)} />
        </Field>
        <Button type="submit" variant="primary" className="mt-6" data-testid="dlq-search-submit" disabled={query.isFetching}>
          {query.isFetching ? common.loading : t.search}
        </Button>
      </form>
      {search ? (
        <>
          <DlqResendPanel clusterId={clusterId} group={search.group} msgIds={[...selected]} />
          <MessageTable
            testId="dlq-messages"
            messages={messages}
            error={query.error?.message}
            onRetry={() => void query.refetch()}
            empty={<EmptyState title={t.emptyTitle} description={t.emptyDescription} testId="dlq-messages-empty" />}
            refreshing={query.isFetching}
            leadingColumns={selectColumn}
            detailHref={(message) => dlqPagePaths.detail(message.offsetMsgId, search.group)}
            pageSize={200}
            toolbar={
              <div className="flex items-center gap-2 text-xs">
                <span className="text-muted tabular-nums" data-testid="dlq-selected-count">
                  {t.selected(selected.size)}
                </span>
                <Button data-testid="dlq-select-all" onClick={() => setSelected(new Set(messages?.map((message) => message.offsetMsgId) ?? []))}>
                  {t.selectAll}
                </Button>
                <a className="rounded-md border border-border px-2 py-1 hover:bg-surface-muted" href={dlqApi.exportFile(search, 'json')} download data-testid="dlq-export-json" title={t.exportHint}>
                  {t.exportJson}
                </a>
                <a className="rounded-md border border-border px-2 py-1 hover:bg-surface-muted" href={dlqApi.exportFile(search, 'csv')} download data-testid="dlq-export-csv" title={t.exportHint}>
                  {t.exportCsv}
                </a>
              </div>
            }
          />
          {query.hasNextPage ? (
            <div className="flex justify-center">
              <Button data-testid="dlq-load-more" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? common.loading : common.loadMore}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
