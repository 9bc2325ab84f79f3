import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('producers').title };

export default function ProducersPage() {
  return <NotBuiltPage section="producers" />;
}
