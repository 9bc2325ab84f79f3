import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { TraceView } from '@/components/trace/trace-view';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).trace.title };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TracePage({ searchParams }: Props) {
  const nav = await getText('nav');
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
  return (
    <>
      <PageHeader title={nav.trace.title} summary={nav.trace.summary} />
      <TraceView initial={{ msgId: text('msgId'), key: text('key'), traceTopic: text('traceTopic') }} />
    </>
  );
}
