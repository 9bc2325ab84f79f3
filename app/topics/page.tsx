import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('topics').title };

export default function TopicsPage() {
  return <NotBuiltPage section="topics" />;
}
