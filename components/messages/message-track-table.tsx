'use client';

import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { useResendToGroup } from '@/lib/api/messages';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { MessageDetail, TrackType } from '@/lib/validations/message-query';

const trackTones: Record<TrackType, BadgeTone> = {
  CONSUMED: 'success',
  CONSUMED_BUT_FILTERED: 'accent',
  PULL: 'neutral',
  NOT_CONSUME_YET: 'warning',
  NOT_ONLINE: 'danger',
  UNKNOWN: 'neutral',
};

/** Consume status per subscribing group (message track), each with "resend to group" (consume directly). */
export function MessageTrackTable({ clusterId, detail }: { clusterId: string; detail: MessageDetail }) {
  const t = useText('messages');
  const [resendGroup, setResendGroup] = useState<string | undefined>();
  if (detail.trackError) return <ErrorState title={t.detail.trackError} message={detail.trackError} testId="message-track-error" />;
  if (detail.tracks.length === 0) return <EmptyState title={t.detail.trackEmpty} testId="message-track-empty" />;
  return (
    <>
      <Table data-testid="message-track">
        <TableHead>
          <tr>
            <TableHeaderCell>{t.columns.group}</TableHeaderCell>
            <TableHeaderCell>{t.columns.status}</TableHeaderCell>
            <TableHeaderCell>{t.columns.detail}</TableHeaderCell>
            <TableHeaderCell className="w-40">{t.columns.actions}</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {detail.tracks.map((track) => (
            <TableRow key={track.consumerGroup} data-testid="message-track-row" data-group={track.consumerGroup}>
              <TableCell data-testid="track-group">{track.consumerGroup}</TableCell>
              <TableCell>
                <Badge tone={trackTones[track.trackType]} data-testid="track-type" data-track-type={track.trackType}>
                  {t.detail.trackTypes[track.trackType]}
                </Badge>
              </TableCell>
              <TableCell className="font-mono text-xs break-all">{track.exceptionDesc ?? ''}</TableCell>
              <TableCell>
                <Button data-testid="track-resend" onClick={() => setResendGroup(track.consumerGroup)}>
                  {t.detail.resend}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {resendGroup ? <ResendDialog clusterId={clusterId} msgId={detail.offsetMsgId} group={resendGroup} onClose={() => setResendGroup(undefined)} /> : null}
    </>
  );
}

function ResendDialog({ clusterId, msgId, group, onClose }: { clusterId: string; msgId: string; group: string; onClose: () => void }) {
  const t = useText('messages');
  const common = useText('common');
  const format = useFormat();
  const [clientId, setClientId] = useState('');
  const resend = useResendToGroup();
  return (
    <Dialog
      open
      title={t.detail.resendTitle(group)}
      description={t.detail.resendDescription}
      onClose={onClose}
      busy={resend.isPending}
      testId="resend-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={resend.isPending}>
            {resend.isSuccess ? common.close : common.cancel}
          </Button>
          <Button variant="primary" data-testid="resend-submit" disabled={resend.isPending} onClick={() => resend.mutate({ cluster: clusterId, msgId, group, ...(clientId.trim() ? { clientId: clientId.trim() } : {}) })}>
            {resend.isPending ? t.detail.resending : t.detail.resendRun}
          </Button>
        </>
      }
    >
      <Field label={t.detail.resendClient}>
        <TextInput data-testid="resend-client" className="font-mono" value={clientId} onChange={(event) => setClientId(event.target.value)} />
      </Field>
      {resend.error ? <div className="mt-3"><ErrorState title={common.errorTitle} message={resend.error.message} testId="resend-error" /></div> : null}
      {resend.data ? (
        <div role="status" data-testid="resend-result" data-result={resend.data.consumeResult ?? ''} className="mt-3 rounded-md bg-surface-muted px-3 py-2 text-sm">
          <p className="font-medium">{t.detail.resendResult(resend.data.consumeResult ?? '—', format.number(resend.data.spentTimeMills))}</p>
          <p className="font-mono text-xs text-muted">{resend.data.clientId}</p>
          {resend.data.remark ? <p className="mt-1 font-mono text-xs break-all">{resend.data.remark}</p> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
