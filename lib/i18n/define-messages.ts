/**
 * One namespace of the dictionary: the English text and its Chinese translation side by side, checked by the type
 * system to have exactly the same keys (a missing or extra key, or a function with other parameters, is a compile
 * error). Leaves are strings, or functions for text with values in it: `lag: (count: number) => \`${count} behind\``.
 *
 *   export const topicsText = defineMessages({
 *     en: { title: 'Topics', count: (n: number) => `${n} topics` },
 *     zh: { title: '主题', count: (n) => `${n} 个主题` },
 *   });
 */
export type MessageLeaf = string | ((...args: never[]) => string);
export interface MessageTree {
  readonly [key: string]: MessageLeaf | MessageTree;
}

/** The shape a translation must have: same keys, strings for strings, same-signature functions for functions. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...args: infer Args) => string
      ? (...args: Args) => string
      : Translation<T[K]>;
};

export interface LocalizedMessages<T> {
  en: Translation<T>;
  zh: Translation<T>;
}

export function defineMessages<const T extends MessageTree>(messages: { en: T; zh: Translation<T> }): LocalizedMessages<T> {
  // en is its own translation (literal strings widen to string); TypeScript cannot see that through the mapped type.
  return messages as unknown as LocalizedMessages<T>;
}
