/**
 * i18n API (stable; engineer A and B both rely on it):
 *
 *   Client components:  const t = useText('topics');  t.title;  t.count(3)         (lib/i18n/i18n-provider.tsx)
 *                       const { locale, setLocale } = useLocale();
 *                       const format = useFormat();  format.number(n), format.dateTime(ms)  (lib/i18n/format.ts)
 *   Server components:  const t = await getText('topics');  const locale = await getLocale();  (lib/i18n/server.ts)
 *   Anywhere:           textOf('topics', locale)
 *
 * To add text: create lib/i18n/namespaces/<feature>.ts with `defineMessages({ en: {...}, zh: {...} })` (the type
 * checker makes zh match en key for key) and add one line to `dictionary` below. Nothing else to register.
 */
import type { Locale } from './locales';
import { clusterText } from './namespaces/cluster';
import { commonText } from './namespaces/common';
import { consumersText } from './namespaces/consumers';
import { dashboardText } from './namespaces/dashboard';
import { dataTableText } from './namespaces/data-table';
import { deadLettersText } from './namespaces/dead-letters';
import { messagesText } from './namespaces/messages';
import { navText } from './namespaces/nav';
import { opsText } from './namespaces/ops';
import { producersText } from './namespaces/producers';
import { shellText } from './namespaces/shell';
import { topicsText } from './namespaces/topics';
import { traceText } from './namespaces/trace';

export const dictionary = {
  common: commonText,
  nav: navText,
  shell: shellText,
  consumers: consumersText,
  messages: messagesText,
  deadLetters: deadLettersText,
  trace: traceText,
  ops: opsText,
  // engineer A: dashboard, cluster, topics, producers, shared table and charts
  dashboard: dashboardText,
  cluster: clusterText,
  topics: topicsText,
  producers: producersText,
  dataTable: dataTableText,
};

export type Namespace = keyof typeof dictionary;
export type TextOf<N extends Namespace> = (typeof dictionary)[N]['en'];

export function textOf<N extends Namespace>(namespace: N, locale: Locale): TextOf<N> {
  return dictionary[namespace][locale] as TextOf<N>;
}
