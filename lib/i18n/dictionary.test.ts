import { describe, expect, it } from 'vitest';
import { dictionary } from './dictionary';
import { formattersFor } from './format';
import { fromDateTimeLocal, toDateTimeLocal } from './datetime-local';
import { isLocale, localeOrDefault } from './locales';

/** Leaves of a message tree as "path: kind/arity", e.g. "detail.bytes: function/1". */
function shape(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [`${prefix}: string`];
  if (typeof tree === 'function') return [`${prefix}: function/${tree.length}`];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) => shape(value, prefix ? `${prefix}.${key}` : key));
}

function leaves(tree: unknown): unknown[] {
  if (typeof tree !== 'object' || tree === null) return [tree];
  return Object.values(tree).flatMap(leaves);
}

describe('dictionary', () => {
  for (const [namespace, messages] of Object.entries(dictionary)) {
    it(`${namespace}: Chinese has every English key, with the same parameters, and no blank text`, () => {
      expect(shape(messages.zh)).toEqual(shape(messages.en));
      for (const text of [...leaves(messages.en), ...leaves(messages.zh)]) {
        if (typeof text === 'string' && text !== '') expect(text.trim()).not.toBe('');
      }
    });
  }

  it('functions put their values into both languages', () => {
    expect(dictionary.consumers.en.total(3)).toBe('3 groups');
    expect(dictionary.consumers.zh.total(3)).toBe('共 3 个订阅组');
    expect(dictionary.deadLetters.zh.progress(2, 5)).toBe('已完成 2 / 5');
  });
});

describe('locales and formats', () => {
  it('accepts only known locales, defaulting to English', () => {
    expect(isLocale('zh')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(localeOrDefault(undefined)).toBe('en');
    expect(localeOrDefault('zh')).toBe('zh');
  });

  it('formats numbers with grouping and durations with units per language', () => {
    const en = formattersFor('en');
    const zh = formattersFor('zh');
    expect(en.number(1234567)).toBe('1,234,567');
    expect(en.number(2.345, 1)).toBe('2.3');
    expect(en.duration(3.2)).toBe('3.2 s');
    expect(en.duration(250)).toBe('4 min 10 s');
    expect(en.duration(7500)).toBe('2 h 5 min');
    expect(en.duration(90_000)).toBe('1 d 1 h');
    expect(zh.duration(250)).toBe('4 分 10 秒');
  });

  it('round-trips datetime-local values in local time, and refuses blanks', () => {
    const at = new Date(2026, 0, 31, 23, 5, 9).getTime();
    expect(toDateTimeLocal(at)).toBe('2026-01-31T23:05:09');
    expect(fromDateTimeLocal('2026-01-31T23:05:09')).toBe(at);
    expect(Number.isNaN(fromDateTimeLocal(''))).toBe(true);
  });
});
