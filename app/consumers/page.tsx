import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('consumers').title };

export default function ConsumersPage() {
  return <NotBuiltPage section="consumers" />;
}
