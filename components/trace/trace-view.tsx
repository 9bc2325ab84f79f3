'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field, SelectInput, TextInput } from '@/components/ui/form-field';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { messagePagePaths } from '@/lib/api/messages';
import { tracePagePaths, useTrace, type TraceSearch } from '@/lib/api/trace';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { DEFAULT_TRACE_TOPIC, traceQuerySchema, type MessageTraceView } from '@/lib/validations/message-query';
import { TraceTimeline } from './trace-timeline';

export interface TraceInitial {
  msgId: string;
  key: string;
  traceTopic: string;
}

/** Find a message's trace by id or key (trace topic selectable), then its timeline and every event. */
export function TraceView({ initial }: { initial: TraceInitial }) {
  const t = useText('trace');
  const common = useText('common');
  const router = useRouter();
  const { clusterId } = useSelectedCluster();
  const [by, setBy] = useState<'id' | 'key'>(initial.key && !initial.msgId ? 'key' : 'id');
  const [value, setValue] = useState(initial.msgId || initial.key);
  const [traceTopic, setTraceTopic] = useState(initial.traceTopic || DEFAULT_TRACE_TOPIC);
  const [submitted, setSubmitted] = useState(false);
  const input = { cluster: clusterId, traceTopic, ...(by === 'id' ? { msgId: value } : { key: value }) };
  const validation = traceQuerySchema.safeParse(input);
  const errors = submitted ? fieldErrors(validation.error) : {};
  const search: TraceSearch | undefined =
    clusterId && (initial.msgId || initial.key) ? { cluster: clusterId, traceTopic: initial.traceTopic || DEFAULT_TRACE_TOPIC, ...(initial.msgId ? { msgId: initial.msgId } : { key: initial.key }) } : undefined;
  const query = useTrace(search);
  return (
    <div className="space-y-4">
      <form
        data-testid="trace-form"
        noValidate
        className="flex flex-wrap items-start gap-3 rounded-md border border-border bg-surface p-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (!validation.success) return;
          router.replace(tracePagePaths.search({ traceTopic: validation.data.traceTopic, ...(by === 'id' ? { msgId: validation.data.msgId } : { key: validation.data.key }) }), { scroll: false });
        }}
      >
        <Field label=" " className="w-36">
          <SelectInput data-testid="trace-by" value={by} onChange={(event) => setBy(event.target.value as 'id' | 'key')}>
            <option value="id">{t.by.id}</option>
            <option value="key">{t.by.key}</option>
          </SelectInput>
        </Field>
        <Field label={by === 'id' ? t.msgId : t.key} error={by === 'id' ? errors.msgId : (errors.key ?? errors.msgId)} testId="trace-value-field" className="min-w-[22rem]">
          <TextInput data-testid="trace-value" className="font-mono" value={value} onChange={(event) => setValue(event.target.value)} />
        </Field>
        <Field label={t.traceTopic} error={errors.traceTopic} testId="trace-topic-field">
          <TextInput data-testid="trace-topic" value={traceTopic} onChange={(event) => setTraceTopic(event.target.value)} />
        </Field>
        <Button type="submit" variant="primary" className="mt-6" data-testid="trace-submit" disabled={!clusterId || query.isFetching}>
          {query.isFetching && !query.data ? t.searching : t.search}
        </Button>
      </form>
      {!search ? (
        <p className="text-sm text-muted" data-testid="trace-not-searched">
          {t.notSearchedYet}
        </p>
      ) : query.error ? (
        <ErrorState title={t.errorTitle} message={query.error.message} onRetry={() => void query.refetch()} retryLabel={common.retry} testId="trace-error" />
      ) : !query.data ? (
        <Skeleton className="h-40 w-full" />
      ) : query.data.traceTopicMissing ? (
        <EmptyState title={t.emptyTitle} description={t.topicMissing(query.data.traceTopic)} testId="trace-topic-missing" />
      ) : query.data.traces.length === 0 ? (
        <EmptyState title={t.emptyTitle} description={t.emptyDescription} testId="trace-empty" />
      ) : (
        query.data.traces.map((trace) => <TraceCard key={trace.msgId} trace={trace} />)
      )}
    </div>
  );
}

function TraceCard({ trace }: { trace: MessageTraceView }) {
  const t = useText('trace');
  const common = useText('common');
  const format = useFormat();
  return (
    <Card data-testid="trace-card" data-msg-id={trace.msgId}>
      <CardHeader
        title={<span className="font-mono">{trace.msgId}</span>}
        description={trace.pub ? [trace.pub.topic, trace.pub.tags, trace.pub.keys].filter(Boolean).join(' · ') : undefined}
        actions={
          trace.pub?.offsetMsgId ? (
            <Link className="text-sm text-accent hover:underline" href={messagePagePaths.detail(trace.pub.offsetMsgId, trace.pub.topic)} data-testid="trace-message-link">
              {t.messageLink}
            </Link>
          ) : null
        }
      />
      <CardContent className="space-y-5">
        <section>
          <h3 className="mb-2 text-sm font-medium">{t.timeline}</h3>
          <TraceTimeline trace={trace} />
        </section>
        <section>
          <h3 className="mb-2 text-sm font-medium">{t.events}</h3>
          <Table data-testid="trace-events">
            <TableHead>
              <tr>
                {[t.columns.type, t.columns.time, t.columns.group, t.columns.host, t.columns.cost, t.columns.status, t.columns.retry].map((header) => (
                  <TableHeaderCell key={header}>{header}</TableHeaderCell>
                ))}
              </tr>
            </TableHead>
            <TableBody>
              {trace.events.map((event, index) => (
                <TableRow key={index} data-testid="trace-event" data-type={event.traceType}>
                  <TableCell>{event.traceType}</TableCell>
                  <TableCell className="tabular-nums">{format.dateTime(event.timestamp)}</TableCell>
                  <TableCell>{event.groupName ?? common.none}</TableCell>
                  <TableCell className="font-mono text-xs">{event.clientHost}</TableCell>
                  <TableCell className="tabular-nums">{format.number(event.costTime)}</TableCell>
                  <TableCell>
                    <Badge tone={event.status === 'success' ? 'success' : 'danger'}>{t.status[event.status]}</Badge>
                  </TableCell>
                  <TableCell className="tabular-nums">{event.retryTimes ?? common.none}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      </CardContent>
    </Card>
  );
}
