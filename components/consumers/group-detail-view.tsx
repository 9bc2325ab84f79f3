'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { consumerPagePaths, useGroupDetail } from '@/lib/api/consumers';
import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { GroupClientsCard, SubscriptionTable } from './group-clients-card';
import { GroupConfigDialog } from './group-config-dialog';
import { GroupDeleteDialog } from './group-delete-dialog';
import { GroupLagChart } from './group-lag-chart';
import { GroupQueueTable, GroupTopicTable } from './group-queue-tables';
import { GroupResetDialog } from './group-reset-dialog';
import { lagTimeText, lagTone } from './lag-format';

type OpenDialog = 'config' | 'reset' | 'skip' | 'delete' | undefined;

/** One group: lag summary and chart, lag per topic and queue, clients, subscriptions, and the group's actions. */
export function GroupDetailView({ group }: { group: string }) {
  const t = useText('consumers');
  const common = useText('common');
  const format = useFormat();
  const router = useRouter();
  const { clusterId } = useSelectedCluster();
  const query = useGroupDetail(clusterId, group);
  const detail = query.data?.group === group ? query.data : undefined;
  const [dialog, setDialog] = useState<OpenDialog>();
  const topics = detail?.topics.map((topic) => topic.topic) ?? [];

  return (
    <>
      <PageHeader
        title={group}
        summary={detail ? t.updatedAt(format.time(detail.fetchedAt)) : '\u00a0'}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Link href={consumerPagePaths.list()} className="text-sm text-accent hover:underline" data-testid="back-to-groups">
              ← {t.backToList}
            </Link>
            <Button data-testid="group-action-config" onClick={() => setDialog('config')} disabled={!clusterId}>
              {t.actions.config}
            </Button>
            <Button data-testid="group-action-reset" onClick={() => setDialog('reset')} disabled={!detail}>
              {t.actions.reset}
            </Button>
            <Button data-testid="group-action-skip" onClick={() => setDialog('skip')} disabled={!detail}>
              {t.actions.skip}
            </Button>
            <Button data-testid="group-action-delete" onClick={() => setDialog('delete')} disabled={!clusterId} className="text-danger">
              {t.actions.delete}
            </Button>
          </div>
        }
      />
      {query.error ? (
        <ErrorState title={t.detailErrorTitle} message={query.error.message} onRetry={() => void query.refetch()} retryLabel={common.retry} testId="group-detail-error" />
      ) : null}
      <div className="mb-4 flex flex-wrap items-center gap-2" data-testid="group-badges">
        {detail ? (
          <>
            <Badge tone={detail.online ? 'success' : 'neutral'} data-testid="group-online">
              {detail.online ? t.online : t.offline}
            </Badge>
            {detail.consumeType ? <Badge>{detail.consumeType}</Badge> : null}
            {detail.messageModel ? <Badge>{detail.messageModel}</Badge> : null}
            {detail.consumeFromWhere ? <Badge>{detail.consumeFromWhere}</Badge> : null}
          </>
        ) : (
          <Skeleton className="h-5 w-48" />
        )}
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t.summary.lag} testId="group-lag-total">
          {detail ? <Badge tone={lagTone(detail.diffTotal, detail.lagSeconds)}>{format.number(detail.diffTotal)}</Badge> : null}
        </Stat>
        <Stat label={t.summary.lagTime} testId="group-lag-seconds">
          {detail ? (detail.lagSeconds === null ? t.nothingBehind : lagTimeText(format, detail.lagSeconds, common.none)) : null}
        </Stat>
        <Stat label={t.summary.tps} testId="group-consume-tps">
          {detail ? format.number(detail.consumeTps, 1) : null}
        </Stat>
        <Stat label={t.summary.clients} testId="group-client-count">
          {detail ? format.number(detail.clients.length) : null}
        </Stat>
      </div>
      <div className="space-y-4">
        {clusterId ? <GroupLagChart clusterId={clusterId} group={group} /> : null}
        <Section title={t.topicsTitle}>
          <GroupTopicTable detail={detail} />
        </Section>
        <Section title={t.queuesTitle}>
          <GroupQueueTable detail={detail} />
        </Section>
        <Section title={t.clientsTitle}>{clusterId ? <GroupClientsCard clusterId={clusterId} detail={detail} /> : null}</Section>
        <Section title={t.subscriptionsTitle}>
          <SubscriptionTable subscriptions={detail?.subscriptions} testId="subscription-table" />
        </Section>
      </div>
      {clusterId && dialog === 'config' ? <GroupConfigDialog clusterId={clusterId} group={group} onClose={() => setDialog(undefined)} /> : null}
      {clusterId && (dialog === 'reset' || dialog === 'skip') ? (
        <GroupResetDialog clusterId={clusterId} group={group} topics={topics} skip={dialog === 'skip'} onClose={() => setDialog(undefined)} />
      ) : null}
      {clusterId && dialog === 'delete' ? (
        <GroupDeleteDialog clusterId={clusterId} group={group} onClose={() => setDialog(undefined)} onDeleted={() => router.push(consumerPagePaths.list())} />
      ) : null}
    </>
  );
}

function Stat({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <Card>
      <CardContent className="py-3">
        <p className="text-xs text-muted">{label}</p>
        <div className="mt-1 h-7 text-lg font-semibold tabular-nums" data-testid={testId}>
          {children ?? <Skeleton className="h-6 w-20" />}
        </div>
      </CardContent>
    </Card>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} />
      <CardContent>{children}</CardContent>
    </Card>
  );
}
