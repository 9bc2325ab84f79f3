'use client';

import { useLocale, useText } from '@/lib/i18n/i18n-provider';
import { locales } from '@/lib/i18n/locales';

export function LanguageSwitch() {
  const t = useText('shell');
  const { locale, setLocale } = useLocale();
  return (
    <div role="group" aria-label={t.language} className="flex overflow-hidden rounded-md border border-border text-xs" data-testid="language-switch">
      {locales.map((option) => (
        <button
          key={option}
          type="button"
          data-testid={`language-${option}`}
          aria-pressed={locale === option}
          onClick={() => setLocale(option)}
          className={locale === option ? 'bg-accent px-2 py-1 text-accent-foreground' : 'px-2 py-1 text-foreground hover:bg-surface-muted'}
        >
          {t.languageNames[option]}
        </button>
      ))}
    </div>
  );
}
