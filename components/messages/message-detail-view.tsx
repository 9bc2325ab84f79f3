'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import { useMessageDetail } from '@/lib/api/messages';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import type { MessageDetail } from '@/lib/validations/message-query';
import { MessageBodyView } from './message-body-view';
import { MessageTrackTable } from './message-track-table';

/** Every field of one stored message, its properties, body, and consume status per group. */
export function MessageDetailView({ msgId, backHref, extra }: { msgId: string; backHref: string; extra?: (detail: MessageDetail) => ReactNode }) {
  const t = useText('messages');
  const common = useText('common');
  const { clusterId } = useSelectedCluster();
  const query = useMessageDetail(clusterId, msgId);
  const detail = query.data;
  return (
    <>
      <PageHeader
        title={`${t.detail.title} ${detail?.msgId ?? msgId}`}
        summary={detail?.topic ?? '\u00a0'}
        actions={
          <Link href={backHref} className="text-sm text-accent hover:underline" data-testid="back-to-search">
            ← {t.detail.back}
          </Link>
        }
      />
      {query.error ? <ErrorState title={t.detail.errorTitle} message={query.error.message} onRetry={() => void query.refetch()} retryLabel={common.retry} testId="message-detail-error" /> : null}
      {!detail ? (
        query.error ? null : <Skeleton className="h-64 w-full" />
      ) : (
        <div className="space-y-4" data-testid="message-detail">
          {extra?.(detail)}
          <Card>
            <CardHeader title={t.detail.fields} />
            <CardContent>
              <MessageFields detail={detail} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t.detail.body} />
            <CardContent>
              <MessageBodyView base64={detail.body.base64} utf8={detail.body.utf8} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t.detail.properties} />
            <CardContent>
              <Table data-testid="message-properties">
                <TableHead>
                  <tr>
                    <TableHeaderCell className="w-1/3">{t.columns.name}</TableHeaderCell>
                    <TableHeaderCell>{t.columns.value}</TableHeaderCell>
                  </tr>
                </TableHead>
                <TableBody>
                  {detail.properties.map((property) => (
                    <TableRow key={property.name} data-testid="message-property" data-name={property.name}>
                      <TableCell className="font-mono text-xs">{property.name}</TableCell>
                      <TableCell className="font-mono text-xs break-all" data-testid="message-property-value">
                        {property.value}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t.detail.track} />
            <CardContent>{clusterId ? <MessageTrackTable clusterId={clusterId} detail={detail} /> : null}</CardContent>
          </Card>
        </div>
      )}
    </>
  );
}

function MessageFields({ detail }: { detail: MessageDetail }) {
  const t = useText('messages');
  const common = useText('common');
  const format = useFormat();
  const names = t.detail.fieldNames;
  const rows: Array<[keyof typeof names, ReactNode]> = [
    ['msgId', detail.msgId],
    ['offsetMsgId', detail.offsetMsgId],
    ['topic', detail.topic],
    ['tags', detail.tags ?? common.none],
    ['keys', detail.keys ?? common.none],
    ['queueId', detail.queueId],
    ['queueOffset', format.number(detail.queueOffset)],
    ['commitLogOffset', format.number(detail.commitLogOffset)],
    ['storeHost', detail.storeHost],
    ['bornHost', detail.bornHost],
    ['storeTimestamp', `${format.dateTime(detail.storeTimestamp)} (${detail.storeTimestamp})`],
    ['bornTimestamp', `${format.dateTime(detail.bornTimestamp)} (${detail.bornTimestamp})`],
    ['storeSize', format.number(detail.storeSize)],
    ['bodyCRC', detail.bodyCRC],
    ['flag', detail.flag],
    ['sysFlag', detail.sysFlag],
    ['reconsumeTimes', detail.reconsumeTimes],
    ['preparedTransactionOffset', detail.preparedTransactionOffset],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm md:grid-cols-2">
      {rows.map(([name, value]) => (
        <div key={name} className="flex gap-3 border-b border-border/60 py-1">
          <dt className="w-48 shrink-0 text-muted">{names[name]}</dt>
          <dd className="min-w-0 font-mono text-xs break-all" data-testid={`message-field-${name}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
