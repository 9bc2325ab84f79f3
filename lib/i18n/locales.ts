/**
 * The console's languages and where the choice is remembered. The cookie lets the server render the chosen language
 * on the first byte (no flash of English); localStorage keeps the choice if the cookie is cleared, and the inline
 * preferences script (components/layout/preferences-script.tsx) copies it back into the cookie.
 */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export const LOCALE_COOKIE = 'rmq-console-locale';
export const LOCALE_STORAGE_KEY = 'rmq-console-locale';

/** Value of <html lang>. */
export const htmlLang: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function localeOrDefault(value: unknown): Locale {
  return isLocale(value) ? value : defaultLocale;
}
