import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('trace').title };

export default function TracePage() {
  return <NotBuiltPage section="trace" />;
}
