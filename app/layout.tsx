import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import { CLUSTER_COOKIE } from '@/components/layout/cluster-cookie';
import { ClusterSelectionProvider } from '@/components/layout/cluster-selection';
import { PreferencesScript } from '@/components/layout/preferences-script';
import { SideNav } from '@/components/layout/side-nav';
import { textOf } from '@/lib/i18n/dictionary';
import { I18nProvider } from '@/lib/i18n/i18n-provider';
import { htmlLang, LOCALE_COOKIE, localeOrDefault } from '@/lib/i18n/locales';
import { isTheme, THEME_COOKIE } from '@/lib/theme/theme';
import { Providers } from './providers';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const locale = localeOrDefault((await cookies()).get(LOCALE_COOKIE)?.value);
  const productName = textOf('common', locale).productName;
  return { title: { default: productName, template: `%s · ${productName}` }, description: 'Admin console for RocketMQ clusters' };
}

/**
 * The language, theme and cluster come from cookies, so the first HTML is already in the user's language and colours
 * (the preferences script covers a theme remembered only in localStorage or taken from the system).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const jar = await cookies();
  const locale = localeOrDefault(jar.get(LOCALE_COOKIE)?.value);
  const cookieTheme = jar.get(THEME_COOKIE)?.value;
  const theme = isTheme(cookieTheme) ? cookieTheme : 'light';
  const clusterId = jar.get(CLUSTER_COOKIE)?.value;
  return (
    <html lang={htmlLang[locale]} className={theme === 'dark' ? 'dark' : undefined} style={{ colorScheme: theme }} suppressHydrationWarning>
      <head>
        <PreferencesScript />
      </head>
      <body className="antialiased">
        <Providers>
          <I18nProvider initialLocale={locale}>
            <ClusterSelectionProvider initialClusterId={clusterId ? decodeURIComponent(clusterId) : undefined}>
              <div className="flex h-full min-w-[900px] flex-col">
                <AppHeader serverTheme={theme} />
                <div className="flex min-h-0 flex-1">
                  <SideNav />
                  <main className="min-w-0 flex-1 overflow-y-auto px-6 py-5">{children}</main>
                </div>
              </div>
            </ClusterSelectionProvider>
          </I18nProvider>
        </Providers>
      </body>
    </html>
  );
}
