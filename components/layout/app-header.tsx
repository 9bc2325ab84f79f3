import Link from 'next/link';
import { paths } from '@/lib/paths';

export const appText = {
  productName: 'RocketMQ Console',
  tagline: 'nameservers, brokers, topics and messages',
};

export function AppHeader() {
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-border bg-surface px-4">
      <Link href={paths.dashboard()} className="flex items-center gap-2 font-semibold" data-testid="app-title">
        <span aria-hidden className="inline-block h-5 w-5 rounded bg-accent" />
        {appText.productName}
      </Link>
      <span className="hidden text-sm text-muted md:inline">{appText.tagline}</span>
    </header>
  );
}
