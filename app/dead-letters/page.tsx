import type { Metadata } from 'next';
import { DlqView } from '@/components/dead-letters/dlq-view';
import { PageHeader } from '@/components/layout/page-header';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).deadLetters.title };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeadLettersPage({ searchParams }: Props) {
  const nav = await getText('nav');
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
  const number = (name: string) => (text(name) !== '' && Number.isFinite(Number(text(name))) ? Number(text(name)) : undefined);
  return (
    <>
      <PageHeader title={nav.deadLetters.title} summary={nav.deadLetters.summary} />
      <DlqView initial={{ group: text('group'), from: number('from'), to: number('to'), run: text('run') === '1' }} />
    </>
  );
}
