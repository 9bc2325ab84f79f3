'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { cn } from '@/lib/class-names';
import { useText } from '@/lib/i18n/i18n-provider';
import { IdSearchPanel, KeySearchPanel, TimeSearchPanel } from './message-search-panels';
import { searchHref, SEARCH_TABS, type SearchParams, type SearchTab } from './search-params';
import { TopicTailPanel } from './topic-tail-panel';

/** The Messages page: four ways in (topic and time, key, id, live tail), one tab each; the URL keeps the query. */
export function MessageSearchView({ initial }: { initial: SearchParams }) {
  const t = useText('messages');
  const router = useRouter();
  const { clusterId } = useSelectedCluster();
  const [tab, setTab] = useState<SearchTab>(initial.tab);
  const submit = (params: Partial<SearchParams>) => router.replace(searchHref({ ...params, tab, run: true }), { scroll: false });
  return (
    <div>
      <div role="tablist" className="mb-4 flex gap-1 border-b border-border" data-testid="message-tabs">
        {SEARCH_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            data-testid={`message-tab-${name}`}
            onClick={() => {
              setTab(name);
              router.replace(searchHref({ tab: name, topic: initial.topic }), { scroll: false });
            }}
            className={cn('-mb-px border-b-2 px-3 py-2 text-sm', tab === name ? 'border-accent font-medium text-accent' : 'border-transparent text-muted hover:text-foreground')}
          >
            {t.tabs[name]}
          </button>
        ))}
      </div>
      {!clusterId ? null : tab === 'time' ? (
        <TimeSearchPanel clusterId={clusterId} initial={initial} onSubmit={submit} />
      ) : tab === 'key' ? (
        <KeySearchPanel clusterId={clusterId} initial={initial} onSubmit={submit} />
      ) : tab === 'id' ? (
        <IdSearchPanel clusterId={clusterId} initial={initial} onSubmit={submit} />
      ) : (
        <TopicTailPanel clusterId={clusterId} initialTopic={initial.topic} />
      )}
    </div>
  );
}
