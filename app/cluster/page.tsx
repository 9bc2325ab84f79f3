import type { Metadata } from 'next';
import { ClusterOverview } from '@/components/cluster/cluster-overview';
import { PageHeader } from '@/components/layout/page-header';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).cluster.title };
}

export default async function ClusterPage() {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.cluster.title} summary={nav.cluster.summary} />
      <ClusterOverview />
    </>
  );
}
