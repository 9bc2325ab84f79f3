import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { AddClusterForm } from '@/components/ops/add-cluster-form';
import { ClusterTable } from '@/components/ops/cluster-table';
import { EmbeddedStatusCard } from '@/components/ops/embedded-status-card';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getText } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('nav')).ops.title };
}

export default async function OpsPage() {
  const [nav, t] = await Promise.all([getText('nav'), getText('ops')]);
  return (
    <>
      <PageHeader title={nav.ops.title} summary={nav.ops.summary} />
      <div className="space-y-4">
        <Card>
          <CardHeader title={t.clustersTitle} description={t.clustersDescription} />
          <CardContent className="space-y-5">
            <ClusterTable />
            <div className="border-t border-border pt-4">
              <h3 className="mb-3 text-sm font-semibold">{t.addTitle}</h3>
              <AddClusterForm />
            </div>
          </CardContent>
        </Card>
        <EmbeddedStatusCard />
      </div>
    </>
  );
}
