'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { textOf, type Namespace, type TextOf } from './dictionary';
import { formattersFor, type Formatters } from './format';
import { htmlLang, LOCALE_COOKIE, LOCALE_STORAGE_KEY, type Locale } from './locales';

/**
 * The chosen language for client components. The root layout passes the locale it rendered with (from the cookie),
 * so the first client render matches the server's HTML. Changing it writes the cookie and localStorage, updates
 * <html lang>, and refreshes the server components so their text follows.
 */
interface I18nContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nContextValue | undefined>(undefined);

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const router = useRouter();
  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      rememberLocale(next);
      router.refresh();
    },
    [router],
  );
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function rememberLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage disabled: the cookie still remembers it
  }
  document.documentElement.lang = htmlLang[locale];
}

export function useLocale(): I18nContextValue {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useLocale must be used inside <I18nProvider>');
  return context;
}

/** The text of one dictionary namespace in the current language. */
export function useText<N extends Namespace>(namespace: N): TextOf<N> {
  return textOf(namespace, useLocale().locale);
}

export function useFormat(): Formatters {
  const { locale } = useLocale();
  return useMemo(() => formattersFor(locale), [locale]);
}
