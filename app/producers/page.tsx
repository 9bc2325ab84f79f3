import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { ProducerView } from '@/components/producers/producer-view';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).producers.title };
}

export default async function ProducersPage() {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.producers.title} summary={nav.producers.summary} />
      <ProducerView />
    </>
  );
}
