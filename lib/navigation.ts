import { navText } from './i18n/namespaces/nav';
import { paths } from './paths';

/**
 * The console's sections, in navigation order. Their text (label, title, summary) lives in the i18n dictionary
 * (lib/i18n/namespaces/nav.ts); the English values are copied here for code that has no locale (tests, metadata
 * defaults). Components use useText('nav')[key].
 */
export interface NavSection {
  key: NavKey;
  href: string;
  label: string;
  title: string;
  summary: string;
}

export type NavKey = 'dashboard' | 'cluster' | 'topics' | 'consumers' | 'producers' | 'messages' | 'deadLetters' | 'trace' | 'ops';

const sectionHrefs: Record<NavKey, string> = {
  dashboard: paths.dashboard(),
  cluster: paths.cluster(),
  topics: paths.topics(),
  consumers: paths.consumers(),
  producers: paths.producers(),
  messages: paths.messages(),
  deadLetters: paths.deadLetters(),
  trace: paths.trace(),
  ops: paths.ops(),
};

export const navSections: readonly NavSection[] = (Object.keys(sectionHrefs) as NavKey[]).map((key) => {
  const text = navText.en[key];
  return {
    key,
    href: sectionHrefs[key],
    label: text.label,
    title: text.title,
    summary: text.summary,
  };
});

export function navSection(key: NavKey): NavSection {
  const section = navSections.find((candidate) => candidate.key === key);
  if (!section) throw new Error(`unknown nav section ${key}`);
  return section;
}
