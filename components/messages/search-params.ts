/** The Messages page's state lives in its URL (shareable, and Back from a detail page returns to the results). */
export type SearchTab = 'time' | 'key' | 'id' | 'tail';
export const SEARCH_TABS: readonly SearchTab[] = ['time', 'key', 'id', 'tail'];

export interface SearchParams {
  tab: SearchTab;
  topic: string;
  key: string;
  msgId: string;
  /** Epoch ms. */
  from: number | undefined;
  to: number | undefined;
  /** Whether to run the query on load (a search was submitted). */
  run: boolean;
}

export function readSearchParams(raw: Record<string, string | string[] | undefined>): SearchParams {
  const text = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string) : '');
  const number = (name: string) => {
    const value = Number(text(name));
    return text(name) !== '' && Number.isFinite(value) ? value : undefined;
  };
  const tab = SEARCH_TABS.find((candidate) => candidate === text('tab')) ?? 'time';
  return { tab, topic: text('topic'), key: text('key'), msgId: text('msgId'), from: number('from'), to: number('to'), run: text('run') === '1' };
}

export function searchHref(params: Partial<SearchParams>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue;
    search.set(name, value === true ? '1' : String(value));
  }
  return `/messages?${search.toString()}`;
}
