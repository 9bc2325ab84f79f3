import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { TopicListView } from '@/components/topics/topic-list-view';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).topics.title };
}

export default async function TopicsPage() {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.topics.title} summary={nav.topics.summary} />
      <TopicListView />
    </>
  );
}
