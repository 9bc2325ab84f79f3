import { describe, expect, it } from 'vitest';
import { compileSql92, evaluateSql92 } from '..';
import { outcome, type Outcome } from './sql92-helpers';

// Run-time semantics of upstream's expression classes (spec/semantics.md §9 "Type rules").

type Row = [expression: string, properties: Record<string, string>, expected: Outcome];

const check = (rows: Row[]) =>
  it.each(rows)('%s with %j is %s', (expression, properties, expected) => {
    expect(outcome(expression, properties)).toBe(expected);
  });

const VALUES = ['TRUE', 'FALSE', 'NULL'] as const;
type Tri = (typeof VALUES)[number];
const andTable: Record<Tri, Record<Tri, Tri>> = {
  TRUE: { TRUE: 'TRUE', FALSE: 'FALSE', NULL: 'NULL' },
  FALSE: { TRUE: 'FALSE', FALSE: 'FALSE', NULL: 'FALSE' },
  NULL: { TRUE: 'NULL', FALSE: 'FALSE', NULL: 'NULL' },
};
const orTable: Record<Tri, Record<Tri, Tri>> = {
  TRUE: { TRUE: 'TRUE', FALSE: 'TRUE', NULL: 'TRUE' },
  FALSE: { TRUE: 'TRUE', FALSE: 'FALSE', NULL: 'NULL' },
  NULL: { TRUE: 'TRUE', FALSE: 'NULL', NULL: 'NULL' },
};
const notTable: Record<Tri, Tri> = { TRUE: 'FALSE', FALSE: 'TRUE', NULL: 'NULL' };

/** The same truth value written with a property: t = '1', f = '0', n missing. */
const viaProperty: Record<Tri, string> = { TRUE: 't = 1', FALSE: 'f = 1', NULL: 'n = 1' };
const props = { t: '1', f: '0' };

describe('three-valued logic', () => {
  const pairs = VALUES.flatMap((x) => VALUES.map((y) => [x, y] as const));

  it.each(pairs)('%s AND %s', (x, y) => {
    expect(outcome(`${x} AND ${y}`)).toBe(andTable[x][y]);
    expect(outcome(`${viaProperty[x]} AND ${viaProperty[y]}`, props)).toBe(andTable[x][y]);
  });

  it.each(pairs)('%s OR %s', (x, y) => {
    expect(outcome(`${x} OR ${y}`)).toBe(orTable[x][y]);
    expect(outcome(`${viaProperty[x]} OR ${viaProperty[y]}`, props)).toBe(orTable[x][y]);
  });

  it.each(VALUES)('NOT %s', (x) => {
    expect(outcome(`NOT ${x}`)).toBe(notTable[x]);
    expect(outcome(`NOT (${viaProperty[x]})`, props)).toBe(notTable[x]);
  });

  it('only TRUE matches', () => {
    expect(evaluateSql92('TRUE', {})).toBe(true);
    expect(evaluateSql92('FALSE', {})).toBe(false);
    expect(evaluateSql92('NULL', {})).toBe(false);
    expect(evaluateSql92('NOT NULL', {})).toBe(false);
  });
});

describe('missing properties', () =>
  check([
    ["a <> 'x'", {}, 'NULL'],
    ["a NOT IN ('x')", {}, 'NULL'],
    ["a IN ('x')", {}, 'NULL'],
    ['a IS NULL', {}, 'TRUE'],
    ['a IS NOT NULL', {}, 'FALSE'],
    ["a = 'x'", {}, 'NULL'],
    ['a > 1', {}, 'NULL'],
    ['1 < a', {}, 'NULL'],
    ['a BETWEEN 1 AND 2', {}, 'NULL'],
    ['a NOT BETWEEN 1 AND 2', {}, 'NULL'],
    ["NOT (a = 'x')", {}, 'NULL'],
    ["a = 'x' OR TRUE", {}, 'TRUE'],
    ["a = 'x' AND FALSE", {}, 'FALSE'],
    ['a', {}, 'NULL'],
    // a property used as a condition is never TRUE: a string is not a Boolean
    ['a', { a: 'true' }, 'FALSE'],
    // upstream's equality is asymmetric: only a NULL left side gives NULL
    ["'x' = a", {}, 'FALSE'],
    ["'x' <> a", {}, 'TRUE'],
    ['a = b', {}, 'TRUE'],
    ['a = b', { a: '1' }, 'FALSE'],
    ['a = b', { b: '1' }, 'NULL'],
    // CONTAINS & co. are FALSE, not NULL, without a string on the left
    ["a CONTAINS 'x'", {}, 'FALSE'],
    ["a NOT CONTAINS 'x'", {}, 'FALSE'],
    ["NOT (a CONTAINS 'x')", {}, 'TRUE'],
  ]));

describe('type conversions', () =>
  check([
    // a property compared with an Integer literal is read with Integer.valueOf
    ['a = 3', { a: '3' }, 'TRUE'],
    ['a = 3', { a: '3.5' }, 'ERROR'],
    ['a = 3', { a: '+3' }, 'TRUE'],
    ['a = 3', { a: '003' }, 'TRUE'],
    ['a = 3', { a: ' 3' }, 'ERROR'],
    ['a = 3', { a: 'abc' }, 'ERROR'],
    ['a = 3', { a: '' }, 'ERROR'],
    ['a > 3', { a: '4294967296' }, 'ERROR'],
    ['a > 3', { a: '-2147483648' }, 'FALSE'],
    // with a Long literal, Long.valueOf
    ['a > 3000000000', { a: '4294967296' }, 'TRUE'],
    ['a < 3000000000', { a: '-9223372036854775808' }, 'TRUE'],
    // with a Double literal, Double.valueOf (trims, takes a d/f suffix, exponents)
    ['a = 3.0', { a: '3' }, 'TRUE'],
    ['a = 3.0', { a: ' 3.00 ' }, 'TRUE'],
    ['a = 3.0', { a: '3f' }, 'TRUE'],
    ['a = 3.0', { a: '0.3e1' }, 'TRUE'],
    ['a = 3.0', { a: '3.0.0' }, 'ERROR'],
    ['a > 1.5', { a: '1.6' }, 'TRUE'],
    ['a > 1.5', { a: '-Infinity' }, 'FALSE'],
    // Double.compare puts NaN above everything
    ['a > 1.5', { a: 'NaN' }, 'TRUE'],
    // booleans: Boolean.valueOf on the string side
    ["'true' = TRUE", {}, 'TRUE'],
    ["'TrUe' = TRUE", {}, 'TRUE'],
    ["'yes' = TRUE", {}, 'FALSE'],
    ['a = TRUE', { a: 'True' }, 'TRUE'],
    ['a <> TRUE', { a: 'false' }, 'TRUE'],
    // a Boolean against a number is never equal
    ['1 = TRUE', {}, 'FALSE'],
    ['(a = 1) = 1', { a: '1' }, 'FALSE'],
    // a Boolean on the left of a string: ClassCastException upstream
    ["(a = 1) = 'true'", { a: '1' }, 'ERROR'],
    // = between strings is string equality, never numeric
    ["a = '1'", { a: '1.0' }, 'FALSE'],
    ['a = b', { a: '1.0', b: '1' }, 'FALSE'],
    ['a <> b', { a: 'x', b: 'y' }, 'TRUE'],
    // ordering two strings parses both as Double
    ['a > b', { a: '10', b: '9' }, 'TRUE'],
    ['a >= b', { a: '1.0', b: '1' }, 'TRUE'],
    ['a < b', { a: '1e2', b: '99' }, 'FALSE'],
    ['a > b', { a: 'x', b: '1' }, 'ERROR'],
    // numbers of different boxed types are widened
    ['1 = 1.0', {}, 'TRUE'],
    ['2147483648 > 1', {}, 'TRUE'],
    ['1.5 > 1', {}, 'TRUE'],
    ['-1.5 < -1', {}, 'TRUE'],
    ['9223372036854775807 > 9223372036854775806', {}, 'TRUE'],
    // BETWEEN over an Integer literal refuses a decimal property
    ['a BETWEEN 1 AND 3', { a: '2.5' }, 'ERROR'],
  ]));

describe('an evaluation error means no match, whatever else the expression says', () =>
  check([
    ["a = 1 OR b = 'x'", { a: 'abc', b: 'x' }, 'ERROR'],
    ["b = 'x' OR a = 1", { a: 'abc', b: 'x' }, 'TRUE'],
    ['FALSE AND a = 1', { a: 'abc' }, 'FALSE'],
    ['a = 1 AND FALSE', { a: 'abc' }, 'ERROR'],
  ]));

describe('CONTAINS, STARTSWITH, ENDSWITH', () =>
  check([
    ["a CONTAINS 'x'", { a: 'axb' }, 'TRUE'],
    ["a STARTSWITH 'ax'", { a: 'axb' }, 'TRUE'],
    ["a ENDSWITH 'xb'", { a: 'axb' }, 'TRUE'],
    ["a CONTAINS 'X'", { a: 'axb' }, 'FALSE'],
    ["a STARTSWITH 'x'", { a: 'axb' }, 'FALSE'],
    ["a ENDSWITH 'a'", { a: 'axb' }, 'FALSE'],
    ["a NOT CONTAINS 'x'", { a: 'axb' }, 'FALSE'],
    ["a NOT CONTAINS 'u'", { a: 'axb' }, 'TRUE'],
    ["a NOT STARTSWITH 'ax'", { a: 'axb' }, 'FALSE'],
    ["a NOT STARTSWITH 'u'", { a: 'axb' }, 'TRUE'],
    ["a NOT ENDSWITH 'xb'", { a: 'axb' }, 'FALSE'],
    ["a NOT ENDSWITH 'u'", { a: 'axb' }, 'TRUE'],
    // an empty search string never matches, with or without NOT
    ["a CONTAINS ''", { a: 'axb' }, 'FALSE'],
    ["a STARTSWITH ''", { a: 'axb' }, 'FALSE'],
    ["a NOT ENDSWITH ''", { a: 'axb' }, 'FALSE'],
    ["a NOT STARTSWITH 'x'", {}, 'FALSE'],
    ["a NOT ENDSWITH 'x'", {}, 'FALSE'],
    // the left side may be any value; only a string can match
    ["'axb' CONTAINS 'x'", {}, 'TRUE'],
    ["' ' STARTSWITH ' '", {}, 'TRUE'],
    ["'axb' CONTAINS '.'", {}, 'FALSE'],
    ["'s' CONTAINS '\\'", {}, 'FALSE'],
    ["1 CONTAINS '1'", {}, 'FALSE'],
    ["1 NOT CONTAINS '1'", {}, 'FALSE'],
    ["(a = 1) CONTAINS 't'", { a: '1' }, 'FALSE'],
    ["a CONTAINS 'it''s'", { a: "what it's" }, 'TRUE'],
    ["a NOT IN ('4', '4', '5') AND b BETWEEN 3 AND 10 AND c NOT CONTAINS 'axbc'", { a: '3', b: '3', c: 'axbdc' }, 'TRUE'],
  ]));

describe('property sources', () => {
  it('reads a Map or a plain record', () => {
    const filter = compileSql92("a = 'x' AND b > 2");
    expect(filter.matches(new Map([['a', 'x'], ['b', '3']]))).toBe(true);
    expect(filter.matches(new Map([['a', 'x']]))).toBe(false);
    expect(filter.matches({ a: 'x', b: '3' })).toBe(true);
    expect(filter.matches(Object.assign(Object.create(null) as Record<string, string>, { a: 'x', b: '3' }))).toBe(true);
  });

  it('matches system properties such as TAGS and KEYS like any other', () => {
    const filter = compileSql92("TAGS IN ('TagA', 'TagB') AND KEYS IS NOT NULL");
    expect(filter.matches({ TAGS: 'TagA', KEYS: 'order-1', UNIQ_KEY: 'X' })).toBe(true);
    expect(filter.matches({ TAGS: 'TagC', KEYS: 'order-1' })).toBe(false);
  });
});

describe('compiled once, evaluated many times', () => {
  it('returns the cached compiled filter for the same expression', () => {
    expect(compileSql92('cached_a = 1')).toBe(compileSql92('cached_a = 1'));
    expect(compileSql92('cached_a = 1').expression).toBe('cached_a = 1');
  });

  it('gives per-message answers that depend only on that message', () => {
    const filter = compileSql92("(region = 'eu' OR region = 'us') AND amount BETWEEN 100 AND 199 AND sku NOT IN ('x')");
    const regions = ['eu', 'us', 'cn', undefined];
    let matched = 0;
    let expected = 0;
    for (let i = 0; i < 4000; i++) {
      const region = regions[i % 4];
      const message: Record<string, string> = { amount: String(i % 300), sku: i % 7 === 0 ? 'x' : 'y' };
      if (region !== undefined) message.region = region;
      if (filter.matches(message)) matched++;
      if ((region === 'eu' || region === 'us') && i % 300 >= 100 && i % 300 <= 199 && i % 7 !== 0) expected++;
    }
    expect(matched).toBe(expected);
    expect(matched).toBeGreaterThan(0);
  });
});
