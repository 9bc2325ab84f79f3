'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { cn } from '@/lib/class-names';
import { useText } from '@/lib/i18n/i18n-provider';
import { SendMessageForm } from './send-message-form';
import { TopicConfigView } from './topic-config-view';
import { TopicConsumersView } from './topic-consumers-view';
import { TopicDeleteDialog } from './topic-delete-dialog';
import { TOPIC_TABS, topicPagePaths, type TopicTab } from './topic-paths';
import { TopicRouteView } from './topic-route-view';
import { TopicStatusTable } from './topic-status-table';


/** One topic of the selected cluster, rocketmq-dashboard's per-topic dialogs as tabs; the tab is kept in the URL. */
export function TopicDetailView({ topic, initialTab }: { topic: string; initialTab: TopicTab }) {
  const t = useText('topics');
  const router = useRouter();
  const { clusterId } = useSelectedCluster();
  const [tab, setTab] = useState<TopicTab>(initialTab);
  const [deleting, setDeleting] = useState(false);
  const choose = (next: TopicTab) => {
    setTab(next);
    router.replace(topicPagePaths.detail(topic, next), { scroll: false });
  };
  if (!clusterId) return <EmptyState title={t.detailError} />;
  return (
    <div data-testid="topic-detail" data-topic={topic}>
      <div className="mb-3 flex items-center gap-3">
        <Link href={topicPagePaths.list()} className="text-sm text-accent hover:underline" data-testid="topic-back">
          ← {t.back}
        </Link>
        <Button variant="ghost" className="ml-auto" data-testid="topic-detail-delete" onClick={() => setDeleting(true)}>
          <span className="text-danger">{t.delete}</span>
        </Button>
      </div>
      <div role="tablist" className="mb-4 flex gap-1 border-b border-border">
        {TOPIC_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`topic-tab-${name}`}
            onClick={() => choose(name)}
            className={cn('-mb-px border-b-2 px-3 py-1.5 text-sm', tab === name ? 'border-accent font-medium text-accent' : 'border-transparent text-muted hover:text-foreground')}
          >
            {t.tabs[name]}
          </button>
        ))}
      </div>
      {tab === 'status' ? <TopicStatusTable clusterId={clusterId} topic={topic} /> : null}
      {tab === 'route' ? <TopicRouteView clusterId={clusterId} topic={topic} /> : null}
      {tab === 'config' ? <TopicConfigView clusterId={clusterId} topic={topic} /> : null}
      {tab === 'consumers' ? <TopicConsumersView clusterId={clusterId} topic={topic} /> : null}
      {tab === 'send' ? <SendMessageForm clusterId={clusterId} topic={topic} /> : null}
      {deleting ? <TopicDeleteDialog clusterId={clusterId} topic={topic} onClose={() => setDeleting(false)} onDeleted={() => router.push(topicPagePaths.list())} /> : null}
    </div>
  );
}
