'use client';

import Link from 'next/link';
import { useText } from '@/lib/i18n/i18n-provider';
import { paths } from '@/lib/paths';
import type { Theme } from '@/lib/theme/theme';
import { ClusterSelector } from './cluster-selector';
import { LanguageSwitch } from './language-switch';
import { ThemeSwitch } from './theme-switch';

export function AppHeader({ serverTheme }: { serverTheme: Theme }) {
  const t = useText('common');
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-border bg-surface px-4">
      <Link href={paths.dashboard()} className="flex items-center gap-2 font-semibold" data-testid="app-title">
        <span aria-hidden className="inline-block h-5 w-5 rounded bg-accent" />
        {t.productName}
      </Link>
      <span className="hidden text-sm text-muted lg:inline">{t.tagline}</span>
      <div className="ml-auto flex items-center gap-3">
        <ClusterSelector />
        <LanguageSwitch />
        <ThemeSwitch serverTheme={serverTheme} />
      </div>
    </header>
  );
}
