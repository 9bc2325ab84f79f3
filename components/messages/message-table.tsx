'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { messagePagePaths } from '@/lib/api/messages';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { MessageSummary } from '@/lib/validations/message-query';

/**
 * Messages as a table: id (to the detail page), tag, keys, store time, queue, offset, size and a body preview.
 * Every value is rendered as text by React, so a body of `<script>` is shown, never run.
 */
export interface MessageTableProps {
  testId: string;
  messages: MessageSummary[] | undefined;
  error?: string;
  onRetry?: () => void;
  empty: ReactNode;
  refreshing?: boolean;
  toolbar?: ReactNode;
  /** Extra trailing column (the dead-letter page's selection and actions). */
  extraColumns?: DataTableColumn<MessageSummary>[];
  leadingColumns?: DataTableColumn<MessageSummary>[];
  detailHref?: (message: MessageSummary) => string;
  pageSize?: number;
}

export function MessageTable({ testId, messages, error, onRetry, empty, refreshing, toolbar, extraColumns = [], leadingColumns = [], detailHref, pageSize = 50 }: MessageTableProps) {
  const t = useText('messages');
  const common = useText('common');
  const format = useFormat();
  const columns = useMemo<DataTableColumn<MessageSummary>[]>(
    () => [
      ...leadingColumns,
      {
        id: 'msgId',
        header: t.columns.msgId,
        width: '19rem',
        sortValue: (row) => row.msgId,
        className: 'font-mono text-xs',
        cellTestId: 'message-id',
        cell: (row) => (
          <Link href={detailHref ? detailHref(row) : messagePagePaths.detail(row.offsetMsgId, row.topic)} className="text-accent hover:underline" data-testid="message-link">
            {row.msgId}
          </Link>
        ),
      },
      { id: 'tags', header: t.columns.tags, width: '7rem', sortValue: (row) => row.tags ?? '', cellTestId: 'message-tags', cell: (row) => row.tags ?? common.none },
      { id: 'keys', header: t.columns.keys, width: '10rem', sortValue: (row) => row.keys ?? '', cellTestId: 'message-keys', cell: (row) => row.keys ?? common.none },
      { id: 'storeTime', header: t.columns.storeTime, width: '11rem', sortValue: (row) => row.storeTimestamp, cell: (row) => format.dateTime(row.storeTimestamp) },
      { id: 'queue', header: t.columns.queue, width: '4.5rem', numeric: true, sortValue: (row) => row.queueId, cell: (row) => row.queueId },
      { id: 'offset', header: t.columns.offset, width: '5.5rem', numeric: true, sortValue: (row) => row.queueOffset, cell: (row) => format.number(row.queueOffset) },
      { id: 'size', header: t.columns.size, width: '5rem', numeric: true, sortValue: (row) => row.bodySize, cell: (row) => format.number(row.bodySize) },
      { id: 'body', header: t.columns.body, width: '24%', filterValue: (row) => row.bodyPreview, className: 'font-mono text-xs', cellTestId: 'message-body-preview', cell: (row) => row.bodyPreview },
      ...extraColumns,
    ],
    [t, common, format, extraColumns, leadingColumns, detailHref],
  );
  return (
    <DataTable
      testId={testId}
      rowTestId="message-row"
      columns={columns}
      rows={messages}
      rowKey={(row) => row.offsetMsgId}
      rowAttributes={(row) => ({ 'data-msg-id': row.msgId, 'data-offset-msg-id': row.offsetMsgId })}
      error={error}
      errorTitle={t.queryErrorTitle}
      onRetry={onRetry}
      empty={empty}
      filter={{}}
      refreshing={refreshing}
      toolbar={toolbar}
      pageSize={pageSize}
    />
  );
}
