'use client';

import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { useClientRunningInfo } from '@/lib/api/consumers';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { SubscriptionTable } from './group-clients-card';

/** What one consumer says about itself (GET_CONSUMER_RUNNING_INFO): properties, queues held, consume status. */
export function ClientRunningInfoDialog({ clusterId, group, clientId, onClose }: { clusterId: string; group: string; clientId: string; onClose: () => void }) {
  const t = useText('consumers');
  const common = useText('common');
  const format = useFormat();
  const info = useClientRunningInfo(clusterId, group, clientId);
  const time = (ms: number) => (ms > 0 ? format.dateTime(ms) : common.none);
  return (
    <Dialog open title={t.runningInfoTitle(clientId)} onClose={onClose} testId="running-info-dialog" size="xl">
      {info.error ? (
        <ErrorState title={t.runningInfoError} message={info.error.message} testId="running-info-error" />
      ) : !info.data ? (
        <div className="space-y-2" aria-label={common.loading}>
          <Skeleton className="h-6 w-1/2" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : (
        <div className="space-y-5 text-sm" data-testid="running-info">
          <section>
            <h3 className="mb-2 font-medium">{t.consumeStatus}</h3>
            <Table>
              <TableHead>
                <tr>
                  {[t.columns.topic, t.columns.pullTps, t.columns.consumeOkTps, t.columns.consumeFailedTps, t.columns.consumeRt, t.columns.failedMsgs].map((header) => (
                    <TableHeaderCell key={header}>{header}</TableHeaderCell>
                  ))}
                </tr>
              </TableHead>
              <TableBody>
                {info.data.status.map((status) => (
                  <TableRow key={status.topic}>
                    <TableCell>{status.topic}</TableCell>
                    <TableCell className="tabular-nums">{format.number(status.pullTPS, 2)}</TableCell>
                    <TableCell className="tabular-nums">{format.number(status.consumeOKTPS, 2)}</TableCell>
                    <TableCell className="tabular-nums">{format.number(status.consumeFailedTPS, 2)}</TableCell>
                    <TableCell className="tabular-nums">{format.number(status.consumeRT, 1)}</TableCell>
                    <TableCell className="tabular-nums">{format.number(status.consumeFailedMsgs)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <section>
            <h3 className="mb-2 font-medium">{t.queuesHeld}</h3>
            <Table>
              <TableHead>
                <tr>
                  {[t.columns.topic, t.columns.broker, t.columns.queue, t.columns.commitOffset, t.columns.cached, t.columns.lastPull, t.columns.lastConsumed].map((header) => (
                    <TableHeaderCell key={header}>{header}</TableHeaderCell>
                  ))}
                </tr>
              </TableHead>
              <TableBody>
                {info.data.queues.map((queue) => (
                  <TableRow key={`${queue.topic}/${queue.brokerName}/${queue.queueId}`} data-testid="running-info-queue">
                    <TableCell>{queue.topic}</TableCell>
                    <TableCell>{queue.brokerName}</TableCell>
                    <TableCell className="tabular-nums">{queue.queueId}</TableCell>
                    <TableCell className="tabular-nums">{format.number(queue.commitOffset)}</TableCell>
                    <TableCell className="tabular-nums">{format.number(queue.cachedMsgCount)}</TableCell>
                    <TableCell>{time(queue.lastPullTimestamp)}</TableCell>
                    <TableCell>{time(queue.lastConsumeTimestamp)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
          <section>
            <h3 className="mb-2 font-medium">{t.subscriptionsTitle}</h3>
            <SubscriptionTable subscriptions={info.data.subscriptions} testId="running-info-subscriptions" />
          </section>
          <section>
            <h3 className="mb-2 font-medium">{t.properties}</h3>
            <dl className="grid grid-cols-[minmax(12rem,auto)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
              {info.data.properties.map((property) => (
                <div key={property.name} className="contents">
                  <dt className="text-muted">{property.name}</dt>
                  <dd className="break-all">{property.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      )}
    </Dialog>
  );
}
