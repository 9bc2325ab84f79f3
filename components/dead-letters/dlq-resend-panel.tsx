'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextInput } from '@/components/ui/form-field';
import { useText } from '@/lib/i18n/i18n-provider';
import type { DlqResendMode } from '@/lib/validations/message-query';
import { useBatchResend } from './use-batch-resend';

/**
 * The two ways back for the chosen dead letters, labelled with what each does, a progress bar while they run, and
 * each message's outcome after.
 */
export function DlqResendPanel({ clusterId, group, msgIds }: { clusterId: string; group: string; msgIds: string[] }) {
  const t = useText('deadLetters');
  const [clientId, setClientId] = useState('');
  const batch = useBatchResend();
  const start = (mode: DlqResendMode) => void batch.run({ cluster: clusterId, group, mode, msgIds, ...(clientId.trim() ? { clientId: clientId.trim() } : {}) });
  const percent = batch.total > 0 ? Math.round((batch.done / batch.total) * 100) : 0;
  return (
    <div className="space-y-3 rounded-md border border-border bg-surface p-3" data-testid="dlq-resend-panel">
      <div className="flex flex-wrap items-start gap-3">
        <div className="max-w-sm">
          <Button variant="primary" data-testid="dlq-resend-direct" disabled={batch.running || msgIds.length === 0} onClick={() => start('consume-directly')}>
            {t.resendDirect}
          </Button>
          <p className="mt-1 text-xs text-muted">{t.resendDirectHint}</p>
        </div>
        <div className="max-w-sm">
          <Button data-testid="dlq-send-back" disabled={batch.running || msgIds.length === 0} onClick={() => start('send-back')}>
            {t.sendBack}
          </Button>
          <p className="mt-1 text-xs text-muted">{t.sendBackHint}</p>
        </div>
        <label className="min-w-[18rem] flex-1 text-xs text-muted">
          {t.clientId}
          <TextInput data-testid="dlq-resend-client" className="mt-1 font-mono" value={clientId} onChange={(event) => setClientId(event.target.value)} />
        </label>
      </div>
      {batch.total > 0 ? (
        <div>
          <div className="h-2 overflow-hidden rounded bg-surface-muted" role="progressbar" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={batch.done} data-testid="dlq-resend-progress">
            <div className="h-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 text-xs text-muted tabular-nums" data-testid="dlq-resend-progress-text">
            {t.progress(batch.done, batch.total)}
          </p>
        </div>
      ) : null}
      {batch.results.length > 0 ? (
        <div>
          <h3 className="mb-1 text-sm font-medium">{t.resultsTitle}</h3>
          <ul className="space-y-1 font-mono text-xs" data-testid="dlq-resend-results">
            {batch.results.map((result) => (
              <li key={result.msgId} data-testid="dlq-resend-result" data-ok={result.ok} data-msg-id={result.msgId} className={result.ok ? 'text-success' : 'text-danger'}>
                {result.ok ? t.resultOk : t.resultFailed} · {result.msgId} · {result.outcome}
                {result.error ? ` · ${result.error}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
