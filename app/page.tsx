import type { Metadata } from 'next';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { PageHeader } from '@/components/layout/page-header';
import { getText } from '@/lib/i18n/server';

// The root layout's title template does not apply to a page in the same segment, so the full title is given here.
export async function generateMetadata(): Promise<Metadata> {
  const nav = await getText('nav');
  const common = await getText('common');
  return { title: { absolute: `${nav.dashboard.title} · ${common.productName}` } };
}

export default async function DashboardPage() {
  const nav = await getText('nav');
  return (
    <>
      <PageHeader title={nav.dashboard.title} summary={nav.dashboard.summary} />
      <DashboardView />
    </>
  );
}
