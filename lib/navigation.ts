import { paths } from './paths';

/**
 * The console's sections, in navigation order, with the text of each: label in the left nav, title and summary at
 * the top of the page, and for a section whose feature is not built yet, what it will show. One place for this text
 * so translations (English/Chinese) can later swap it whole.
 */
export interface NavSection {
  key: NavKey;
  href: string;
  label: string;
  title: string;
  summary: string;
  /** Set while the feature is missing: the page says so and names what it will show. */
  notBuilt?: { willShow: string };
}

export type NavKey = 'dashboard' | 'cluster' | 'topics' | 'consumers' | 'producers' | 'messages' | 'deadLetters' | 'trace' | 'ops';

export const navSections: readonly NavSection[] = [
  {
    key: 'dashboard',
    href: paths.dashboard(),
    label: 'Dashboard',
    title: 'Dashboard',
    summary: 'How the clusters are doing, at a glance.',
    notBuilt: { willShow: 'live put and get TPS per broker and per topic, message totals for today and yesterday, and the busiest topics and consumer groups' },
  },
  {
    key: 'cluster',
    href: paths.cluster(),
    label: 'Cluster',
    title: 'Cluster',
    summary: 'Every broker the nameservers know, refreshed every few seconds.',
  },
  {
    key: 'topics',
    href: paths.topics(),
    label: 'Topics',
    title: 'Topics',
    summary: 'Topics, their queues and routes.',
    notBuilt: { willShow: 'every topic with its read/write queue counts, permissions and route per broker, its queue offsets, and forms to create, update and delete topics' },
  },
  {
    key: 'consumers',
    href: paths.consumers(),
    label: 'Consumers',
    title: 'Consumers',
    summary: 'Consumer groups and their progress.',
    notBuilt: { willShow: 'every subscription group with its connected clients, consume TPS and lag per queue, and actions to reset offsets and edit or delete groups' },
  },
  {
    key: 'producers',
    href: paths.producers(),
    label: 'Producers',
    title: 'Producers',
    summary: 'Producer groups connected to a topic.',
    notBuilt: { willShow: 'the producer connections of a topic and group: client id, address, language and version' },
  },
  {
    key: 'messages',
    href: paths.messages(),
    label: 'Messages',
    title: 'Messages',
    summary: 'Find and inspect messages.',
    notBuilt: { willShow: 'message search by topic and time range, by key and by message id, with each message’s properties and body, and resending a message to a consumer group' },
  },
  {
    key: 'deadLetters',
    href: paths.deadLetters(),
    label: 'Dead letters',
    title: 'Dead letters',
    summary: 'Messages that exhausted their retries.',
    notBuilt: { willShow: 'the %DLQ% topic of each consumer group with its messages, and actions to resend or export them' },
  },
  {
    key: 'trace',
    href: paths.trace(),
    label: 'Trace',
    title: 'Trace',
    summary: 'Where a message went.',
    notBuilt: { willShow: 'the trace of a message by id or key: when it was sent, stored and consumed, by which clients, and how long each step took' },
  },
  {
    key: 'ops',
    href: paths.ops(),
    label: 'Ops',
    title: 'Ops',
    summary: 'Operations on the console and its clusters.',
    notBuilt: { willShow: 'the nameserver list (adding and removing clusters), nameserver and broker configuration, and broker write-permission switches' },
  },
];

export function navSection(key: NavKey): NavSection {
  const section = navSections.find((candidate) => candidate.key === key);
  if (!section) throw new Error(`unknown nav section ${key}`);
  return section;
}
