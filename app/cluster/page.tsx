import type { Metadata } from 'next';
import { ClusterOverview } from '@/components/cluster/cluster-overview';
import { PageHeader } from '@/components/layout/page-header';
import { navSection } from '@/lib/navigation';

const section = navSection('cluster');

export const metadata: Metadata = { title: section.title };

export default function ClusterPage() {
  return (
    <>
      <PageHeader title={section.title} summary={section.summary} />
      <ClusterOverview />
    </>
  );
}
