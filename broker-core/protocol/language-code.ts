/** LanguageCode: names on JSON headers, bytes in ROCKETMQ binary headers (spec/remoting.md §6). */
export const LanguageCodes = [
  'JAVA',
  'CPP',
  'DOTNET',
  'PYTHON',
  'DELPHI',
  'ERLANG',
  'RUBY',
  'OTHER',
  'HTTP',
  'GO',
  'PHP',
  'OMS',
  'RUST',
  'NODE_JS',
] as const;

export type LanguageCode = (typeof LanguageCodes)[number];

export function languageFromByte(value: number): LanguageCode {
  return LanguageCodes[value] ?? 'OTHER';
}

export function languageToByte(language: string): number {
  const index = (LanguageCodes as readonly string[]).indexOf(language);
  return index >= 0 ? index : LanguageCodes.indexOf('OTHER');
}

/** Accepts the enum name or, as fastjson does, its ordinal. Unknown values read as OTHER. */
export function normalizeLanguage(value: unknown): LanguageCode {
  if (typeof value === 'number') return languageFromByte(value);
  if (typeof value === 'string' && (LanguageCodes as readonly string[]).includes(value)) return value as LanguageCode;
  return 'OTHER';
}
