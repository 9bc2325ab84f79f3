'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { useResetOffset, useResetPreview } from '@/lib/api/topics';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/datetime-local';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { ResetPreviewRow } from '@/lib/validations/topic-detail';

/**
 * Reset a group's offsets of this topic to a time (or skip its backlog): first a preview of every queue — the offset
 * the group has now beside the one the reset gives (SEARCH_OFFSET_BY_TIMESTAMP / max offset) — then the reset itself
 * (mqadmin resetOffsetByTime). Apply stays disabled until a preview of exactly that time is on screen.
 */
export function ResetOffsetDialog({ clusterId, topic, group, skip, onClose }: { clusterId: string; topic: string; group: string; skip: boolean; onClose: () => void }) {
  const t = useText('topics');
  const common = useText('common');
  const format = useFormat();
  const preview = useResetPreview(topic);
  const reset = useResetOffset(topic);
  const [time, setTime] = useState(() => toDateTimeLocal(Date.now() - 3600_000));
  const timestamp = skip ? -1 : fromDateTimeLocal(time);
  const previewed = preview.data && preview.data.timestamp === timestamp && preview.data.group === group ? preview.data : undefined;
  const { mutate: runPreview } = preview;

  useEffect(() => {
    if (skip) runPreview({ cluster: clusterId, group, timestamp: -1 });
  }, [skip, clusterId, group, runPreview]);

  const columns: DataTableColumn<ResetPreviewRow>[] = [
    { id: 'broker', header: t.reset.broker, width: '26%', cell: (row) => row.brokerName },
    { id: 'queue', header: t.reset.queue, width: '5rem', numeric: true, cellTestId: 'preview-queue', cell: (row) => row.queueId },
    { id: 'broker-offset', header: t.reset.brokerOffset, width: '9rem', numeric: true, cellTestId: 'preview-broker-offset', cell: (row) => format.number(row.brokerOffset) },
    { id: 'consumer-offset', header: t.reset.consumerOffset, width: '10rem', numeric: true, cellTestId: 'preview-consumer-offset', cell: (row) => (row.consumerOffset < 0 ? common.none : format.number(row.consumerOffset)) },
    { id: 'target-offset', header: t.reset.targetOffset, width: '10rem', numeric: true, cellTestId: 'preview-target-offset', cell: (row) => format.number(row.targetOffset) },
    {
      id: 'change',
      header: t.reset.change,
      width: '7rem',
      numeric: true,
      cellTestId: 'preview-change',
      cell: (row) => (row.consumerOffset < 0 ? common.none : signed(format.number(row.targetOffset - row.consumerOffset), row.targetOffset - row.consumerOffset)),
    },
  ];
  const lagNow = previewed?.rows.reduce((sum, row) => sum + Math.max(0, row.brokerOffset - Math.max(0, row.consumerOffset)), 0);
  const lagAfter = previewed?.rows.reduce((sum, row) => sum + Math.max(0, row.brokerOffset - row.targetOffset), 0);

  return (
    <Dialog
      open
      size="xl"
      testId="reset-offset-dialog"
      title={skip ? t.reset.skipTitle(group) : t.reset.title(group)}
      description={skip ? t.reset.skipDescription : t.reset.description}
      onClose={onClose}
      busy={reset.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={reset.isPending}>
            {reset.isSuccess ? common.close : common.cancel}
          </Button>
          <Button
            variant="primary"
            data-testid="reset-apply"
            disabled={!previewed || reset.isPending || reset.isSuccess}
            onClick={() => reset.mutate({ cluster: clusterId, group, timestamp })}
          >
            {reset.isPending ? t.reset.applying : skip ? t.reset.applySkip : t.reset.apply}
          </Button>
        </>
      }
    >
      {skip ? null : (
        <div className="mb-3 flex items-end gap-2">
          <Field label={t.reset.time} className="w-72">
            <TextInput type="datetime-local" step={1} data-testid="reset-time" value={time} onChange={(event) => setTime(event.target.value)} />
          </Field>
          <Button data-testid="reset-preview" disabled={preview.isPending || Number.isNaN(timestamp)} onClick={() => preview.mutate({ cluster: clusterId, group, timestamp })}>
            {preview.isPending ? t.reset.previewing : t.reset.preview}
          </Button>
        </div>
      )}
      {preview.isError ? <ErrorState title={t.reset.previewError} message={preview.error.message} testId="reset-preview-error" /> : null}
      {previewed ? (
        <>
          <p data-testid="reset-preview-totals" className="mb-2 text-sm text-muted tabular-nums">
            {t.reset.previewTotals(format.number(lagNow ?? 0), format.number(lagAfter ?? 0))}
          </p>
          <DataTable testId="reset-preview-table" rowTestId="preview-row" columns={columns} rows={previewed.rows} rowKey={(row) => `${row.brokerName}/${row.queueId}`} rowAttributes={(row) => ({ 'data-queue': row.queueId })} />
        </>
      ) : !preview.isError ? (
        <p className="text-sm text-muted" data-testid="reset-preview-hint">
          {preview.isPending ? t.reset.previewing : t.reset.previewFirst}
        </p>
      ) : null}
      {reset.isError ? <ErrorState title={t.reset.applyError} message={reset.error.message} testId="reset-error" /> : null}
      {reset.isSuccess ? (
        <p role="status" data-testid="reset-done" className="mt-3 rounded-md bg-success-soft px-3 py-2 text-sm text-success">
          {t.reset.done(reset.data.mode, reset.data.queues.length)}
        </p>
      ) : null}
    </Dialog>
  );
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}
