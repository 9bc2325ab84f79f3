import type { Metadata } from 'next';
import { appText } from '@/components/layout/app-header';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

// The root layout's title template does not apply to a page in the same segment, so the full title is given here.
export const metadata: Metadata = { title: { absolute: `${navSection('dashboard').title} · ${appText.productName}` } };

export default function DashboardPage() {
  return <NotBuiltPage section="dashboard" />;
}
