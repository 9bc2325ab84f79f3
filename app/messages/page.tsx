import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { MessageSearchView } from '@/components/messages/message-search-view';
import { readSearchParams } from '@/components/messages/search-params';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).messages.title };
}

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.messages.title} summary={nav.messages.summary} />
      <MessageSearchView initial={readSearchParams(await searchParams)} />
    </>
  );
}
