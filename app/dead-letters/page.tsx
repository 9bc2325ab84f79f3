import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('deadLetters').title };

export default function DeadLettersPage() {
  return <NotBuiltPage section="deadLetters" />;
}
