import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('ops').title };

export default function OpsPage() {
  return <NotBuiltPage section="ops" />;
}
