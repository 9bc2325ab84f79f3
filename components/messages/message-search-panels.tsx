'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { useMessagesById, useMessagesByKey, useMessagesByTime, type IdSearch, type KeySearch, type TimeSearch } from '@/lib/api/messages';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/datetime-local';
import { useText } from '@/lib/i18n/i18n-provider';
import { useMounted } from '@/lib/i18n/use-mounted';
import { byIdQuerySchema, byKeyQuerySchema, byTimeQuerySchema } from '@/lib/validations/message-query';
import { MessageTable } from './message-table';
import type { SearchParams } from './search-params';

/**
 * One panel per query: a form checked with the API's own schema (errors under the fields), then the results. The
 * submitted query goes into the URL (onSubmit) and runs from there, so a reload or Back shows the same results.
 */
interface PanelProps {
  clusterId: string;
  initial: SearchParams;
  onSubmit(params: Partial<SearchParams>): void;
}

const TIME_PAGE_SIZE = 50;

/** Local times depend on the browser's time zone: the form appears once mounted (see useMounted). */
export function TimeSearchPanel(props: PanelProps) {
  return useMounted() ? <TimeSearchPanelInBrowser {...props} /> : <div className="mb-4 h-[4.75rem] rounded-md border border-border bg-surface" />;
}

function TimeSearchPanelInBrowser({ clusterId, initial, onSubmit }: PanelProps) {
  const t = useText('messages');
  const [topic, setTopic] = useState(initial.topic);
  const [from, setFrom] = useState(() => toDateTimeLocal(initial.from ?? Date.now() - 3600_000));
  const [to, setTo] = useState(() => toDateTimeLocal(initial.to ?? Date.now() + 60_000));
  const [submitted, setSubmitted] = useState(false);
  const input = { cluster: clusterId, topic, from: fromDateTimeLocal(from), to: fromDateTimeLocal(to), pageSize: TIME_PAGE_SIZE };
  const validation = byTimeQuerySchema.safeParse(input);
  const errors = submitted ? fieldErrors(validation.error) : {};
  const search: TimeSearch | undefined =
    initial.run && initial.topic && initial.from !== undefined && initial.to !== undefined ? { cluster: clusterId, topic: initial.topic, from: initial.from, to: initial.to, pageSize: TIME_PAGE_SIZE } : undefined;
  const query = useMessagesByTime(search);
  const messages = query.data?.pages.flatMap((page) => page.messages);
  return (
    <>
      <SearchForm
        testId="time-search-form"
        onSubmit={() => {
          setSubmitted(true);
          if (validation.success) onSubmit({ topic: validation.data.topic, from: validation.data.from, to: validation.data.to });
        }}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <TopicField value={topic} onChange={setTopic} error={errors.topic} />
        <Field label={t.from} error={errors.from} testId="time-from-field">
          <TextInput type="datetime-local" step={1} data-testid="time-from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </Field>
        <Field label={t.to} error={errors.to} testId="time-to-field">
          <TextInput type="datetime-local" step={1} data-testid="time-to" value={to} onChange={(event) => setTo(event.target.value)} />
        </Field>
      </SearchForm>
      {search ? (
        <>
          <MessageTable
            testId="message-results"
            messages={messages}
            error={query.error?.message}
            onRetry={() => void query.refetch()}
            empty={<EmptyState title={t.emptyTitle} description={t.emptyTimeDescription} testId="message-results-empty" />}
            refreshing={query.isFetching}
            pageSize={200}
            toolbar={<span className="text-xs text-muted tabular-nums" data-testid="message-result-count">{messages ? t.resultCount(messages.length) : ''}</span>}
          />
          <div className="mt-3 flex justify-center">
            {query.hasNextPage ? (
              <Button data-testid="load-more-messages" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t.loadingMore : t.loadMore}
              </Button>
            ) : messages ? (
              <span className="text-xs text-muted" data-testid="end-of-range">
                {t.endOfRange}
              </span>
            ) : null}
          </div>
        </>
      ) : (
        <NotSearchedYet />
      )}
    </>
  );
}

export function KeySearchPanel({ clusterId, initial, onSubmit }: PanelProps) {
  const t = useText('messages');
  const [topic, setTopic] = useState(initial.topic);
  const [key, setKey] = useState(initial.key);
  const [submitted, setSubmitted] = useState(false);
  const validation = byKeyQuerySchema.safeParse({ cluster: clusterId, topic, key });
  const errors = submitted ? fieldErrors(validation.error) : {};
  const search: KeySearch | undefined = initial.run && initial.topic && initial.key ? { cluster: clusterId, topic: initial.topic, key: initial.key } : undefined;
  const query = useMessagesByKey(search);
  return (
    <>
      <SearchForm
        testId="key-search-form"
        onSubmit={() => {
          setSubmitted(true);
          if (validation.success) onSubmit({ topic: validation.data.topic, key: validation.data.key });
        }}
        busy={query.isFetching}
      >
        <TopicField value={topic} onChange={setTopic} error={errors.topic} />
        <Field label={t.key} error={errors.key} testId="message-key-field">
          <TextInput data-testid="message-key" value={key} onChange={(event) => setKey(event.target.value)} />
        </Field>
      </SearchForm>
      <LookupResults searched={search !== undefined} query={query} emptyDescription={t.emptyKeyDescription} />
    </>
  );
}

export function IdSearchPanel({ clusterId, initial, onSubmit }: PanelProps) {
  const t = useText('messages');
  const [topic, setTopic] = useState(initial.topic);
  const [msgId, setMsgId] = useState(initial.msgId);
  const [submitted, setSubmitted] = useState(false);
  const validation = byIdQuerySchema.safeParse({ cluster: clusterId, topic: topic.trim() === '' ? undefined : topic, msgId });
  const errors = submitted ? fieldErrors(validation.error) : {};
  const search: IdSearch | undefined = initial.run && initial.msgId ? { cluster: clusterId, msgId: initial.msgId, ...(initial.topic ? { topic: initial.topic } : {}) } : undefined;
  const query = useMessagesById(search);
  return (
    <>
      <SearchForm
        testId="id-search-form"
        onSubmit={() => {
          setSubmitted(true);
          if (validation.success) onSubmit({ topic: validation.data.topic ?? '', msgId: validation.data.msgId });
        }}
        busy={query.isFetching}
      >
        <TopicField value={topic} onChange={setTopic} error={errors.topic} />
        <Field label={t.msgId} hint={t.msgIdHint} error={errors.msgId} testId="message-id-field" className="min-w-[22rem]">
          <TextInput data-testid="message-id-input" className="font-mono" value={msgId} onChange={(event) => setMsgId(event.target.value)} />
        </Field>
      </SearchForm>
      <LookupResults searched={search !== undefined} query={query} emptyDescription={t.emptyIdDescription} />
    </>
  );
}

function TopicField({ value, onChange, error }: { value: string; onChange(value: string): void; error?: string }) {
  const t = useText('messages');
  return (
    <Field label={t.topic} error={error} testId="message-topic-field" className="min-w-[16rem]">
      <TextInput data-testid="message-topic" placeholder={t.topicPlaceholder} value={value} onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}

function SearchForm({ testId, onSubmit, busy, children }: { testId: string; onSubmit(): void; busy: boolean; children: ReactNode }) {
  const t = useText('messages');
  return (
    <form
      data-testid={testId}
      noValidate
      className="mb-4 flex flex-wrap items-start gap-3 rounded-md border border-border bg-surface p-3"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <Button type="submit" variant="primary" className="mt-6" data-testid="message-search-submit" disabled={busy}>
        {busy ? t.searching : t.search}
      </Button>
    </form>
  );
}

/** The results of a key or id look-up (one answer, no paging), or a hint before the first search. */
function LookupResults({ searched, query, emptyDescription }: { searched: boolean; query: LookupQuery; emptyDescription: string }) {
  const t = useText('messages');
  if (!searched) return <NotSearchedYet />;
  return (
    <MessageTable
      testId="message-results"
      messages={query.data?.messages}
      error={query.error?.message}
      onRetry={() => void query.refetch()}
      empty={<EmptyState title={t.emptyTitle} description={emptyDescription} testId="message-results-empty" />}
      refreshing={query.isFetching}
    />
  );
}

type LookupQuery = ReturnType<typeof useMessagesByKey> | ReturnType<typeof useMessagesById>;

function NotSearchedYet() {
  const t = useText('messages');
  return <p className="text-sm text-muted" data-testid="not-searched-yet">{t.notSearchedYet}</p>;
}
