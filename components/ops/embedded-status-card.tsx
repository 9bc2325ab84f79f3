'use client';

import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useEmbeddedStatus } from '@/lib/api/ops';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';

/** The embedded nameserver and broker of `npm start`: addresses, store, and the broker's uptime from runtime info. */
export function EmbeddedStatusCard() {
  const t = useText('ops');
  const common = useText('common');
  const format = useFormat();
  const status = useEmbeddedStatus();
  const data = status.data;
  const rows: Array<[string, string, string | undefined]> = data
    ? [
        ['namesrvAddr', t.embeddedFields.namesrvAddr, data.namesrvAddr],
        ['brokerAddr', t.embeddedFields.brokerAddr, data.brokerAddr],
        ['storeDir', t.embeddedFields.storeDir, data.storeDir],
        ['uptime', t.embeddedFields.uptime, data.bootTimestamp !== undefined && data.uptimeMs !== undefined ? `${format.duration(data.uptimeMs / 1000)} (${format.dateTime(data.bootTimestamp)})` : undefined],
        ['version', t.embeddedFields.version, data.brokerVersion],
        ['clustersFile', t.embeddedFields.clustersFile, data.clustersFile],
      ]
    : [];
  return (
    <Card data-testid="embedded-status">
      <CardHeader title={t.embeddedTitle} />
      <CardContent>
        {status.error ? <ErrorState title={common.errorTitle} message={status.error.message} testId="embedded-status-error" /> : null}
        {!data ? (
          status.error ? null : <Skeleton className="h-24 w-full" />
        ) : !data.running ? (
          <p className="text-sm text-muted" data-testid="embedded-off">
            {t.embeddedOff}
          </p>
        ) : (
          <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-sm">
            {rows.map(([key, label, value]) => (
              <div key={key} className="contents">
                <dt className="text-muted">{label}</dt>
                <dd className="font-mono text-xs break-all tabular-nums" data-testid={`embedded-${key}`}>
                  {value ?? common.none}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {data?.runtimeError ? <p className="mt-2 text-xs text-danger">{`${t.embeddedError}: ${data.runtimeError}`}</p> : null}
      </CardContent>
    </Card>
  );
}
