'use client';

import { useText } from '@/lib/i18n/i18n-provider';
import type { Theme } from '@/lib/theme/theme';
import { useTheme } from '@/lib/theme/theme-provider';

export function ThemeSwitch({ serverTheme }: { serverTheme: Theme }) {
  const t = useText('shell');
  const { theme, setTheme } = useTheme(serverTheme);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      data-testid="theme-switch"
      data-theme={theme}
      title={theme === 'dark' ? t.switchToLight : t.switchToDark}
      aria-label={theme === 'dark' ? t.switchToLight : t.switchToDark}
      onClick={() => setTheme(next)}
      className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border px-2 text-xs hover:bg-surface-muted"
    >
      <span aria-hidden>{theme === 'dark' ? '☾' : '☀'}</span>
      {theme === 'dark' ? t.themeDark : t.themeLight}
    </button>
  );
}
