import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { TopicDetailView } from '@/components/topics/topic-detail-view';
import { TOPIC_TABS, type TopicTab } from '@/components/topics/topic-paths';
import { EmptyState } from '@/components/ui/empty-state';
import { getText } from '@/lib/i18n/server';
import { topicNameSchema } from '@/lib/validations/topic';

type SearchParams = Promise<{ name?: string | string[]; tab?: string | string[] }>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { name } = await searchParams;
  return { title: typeof name === 'string' ? name : (await getText('nav')).topics.title };
}

/** /topics/detail?name=<topic>&tab=status|route|config|consumers|send */
export default async function TopicDetailPage({ searchParams }: { searchParams: SearchParams }) {
  const { name, tab } = await searchParams;
  const nav = await getText('nav');
  const topic = topicNameSchema.safeParse(name);
  if (!topic.success) {
    return (
      <>
        <PageHeader title={nav.topics.title} />
        <EmptyState title={topic.error.issues[0].message} testId="topic-detail-invalid" />
      </>
    );
  }
  const initialTab: TopicTab = (TOPIC_TABS as readonly string[]).includes(String(tab)) ? (tab as TopicTab) : 'status';
  return (
    <>
      <PageHeader title={topic.data} summary={nav.topics.title} />
      <TopicDetailView key={topic.data} topic={topic.data} initialTab={initialTab} />
    </>
  );
}
