/**
 * The properties text of a message (spec/message-format.md §4):
 *
 *   name ␁ value ␂ name ␁ value ␂ ...        ␁ = U+0001, ␂ = U+0002, UTF-8 on the wire
 *
 * Writing ends every pair, the last included, with ␂ and skips null values. Reading follows Java's
 * `string2messageProperties`: segments shorter than 3 characters are ignored, the key is the text before the first ␁
 * and must be non-empty, the value is the rest and must be non-empty, and a missing trailing ␂ is accepted.
 * A `Map` keeps insertion order, so decoding then encoding reproduces the original text.
 */
export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

export type MessageProperties = Map<string, string>;

export function encodeMessageProperties(properties: Iterable<readonly [string, string | null | undefined]> | undefined): string {
  if (!properties) return '';
  let text = '';
  for (const [name, value] of properties) {
    if (value === null || value === undefined) continue;
    text += name + NAME_VALUE_SEPARATOR + value + PROPERTY_SEPARATOR;
  }
  return text;
}

/**
 * Walks the pairs of a properties text with the rules above (Java's `string2messageProperties`), calling `visit` with
 * the name's start, the ␁ index and the value's end of each accepted pair. Shared by the map decoder and the
 * dispatch path's picker so the two cannot drift apart.
 */
function forEachProperty(text: string, visit: (nameStart: number, separator: number, end: number) => void): void {
  const length = text.length;
  let index = 0;
  while (index < length) {
    let end = text.indexOf(PROPERTY_SEPARATOR, index);
    if (end < 0) end = length;
    if (end - index >= 3) {
      // Like Java, the search for ␁ is not bounded by the segment: one found past the value start is rejected below.
      const separator = text.indexOf(NAME_VALUE_SEPARATOR, index);
      if (separator > index && separator < end - 1) visit(index, separator, end);
    }
    index = end + 1;
  }
}

export function decodeMessageProperties(text: string | undefined | null): MessageProperties {
  const properties: MessageProperties = new Map();
  if (text) forEachProperty(text, (nameStart, separator, end) => properties.set(text.slice(nameStart, separator), text.slice(separator + 1, end)));
  return properties;
}

/**
 * The values of `names` in a properties text, read with exactly `decodeMessageProperties`' rules (the last duplicate
 * wins) but without building the map: the dispatch path needs three or four properties of every stored message.
 */
export function pickMessageProperties(text: string, names: readonly string[]): Array<string | undefined> {
  const values = new Array<string | undefined>(names.length).fill(undefined);
  forEachProperty(text, (nameStart, separator, end) => {
    const nameLength = separator - nameStart;
    for (let i = 0; i < names.length; i++) {
      if (names[i].length === nameLength && text.startsWith(names[i], nameStart)) values[i] = text.slice(separator + 1, end);
    }
  });
  return values;
}
