import { cookies } from 'next/headers';
import { textOf, type Namespace, type TextOf } from './dictionary';
import { LOCALE_COOKIE, localeOrDefault, type Locale } from './locales';

/** Server components and generateMetadata: the language the browser chose (its cookie), English when unset. */
export async function getLocale(): Promise<Locale> {
  return localeOrDefault((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getText<N extends Namespace>(namespace: N): Promise<TextOf<N>> {
  return textOf(namespace, await getLocale());
}
