import type { Metadata } from 'next';
import { GroupListView } from '@/components/consumers/group-list-view';
import { PageHeader } from '@/components/layout/page-header';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).consumers.title };
}

export default async function ConsumersPage() {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.consumers.title} summary={nav.consumers.summary} />
      <GroupListView />
    </>
  );
}
