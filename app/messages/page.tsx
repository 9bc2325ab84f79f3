import type { Metadata } from 'next';
import { NotBuiltPage } from '@/components/layout/not-built-page';
import { navSection } from '@/lib/navigation';

export const metadata: Metadata = { title: navSection('messages').title };

export default function MessagesPage() {
  return <NotBuiltPage section="messages" />;
}
