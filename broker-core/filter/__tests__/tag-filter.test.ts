import { describe, expect, it } from 'vitest';
import { javaStringHashCode } from '../../common/java-hash';
import { buildSubscriptionData, isTagsCodeMatched, isTagStringMatched, isTagType, type SubscriptionData } from '..';

// Hash codes worked out by hand with Java's s[0]*31^(n-1) + ... + s[n-1] (int32 wrap-around):
//   "TagA": T=84, a=97, g=103, A=65
//     84 -> 84*31+97 = 2701 -> 2701*31+103 = 83834 -> 83834*31+65 = 2598919
//   "TagB": the same with B=66 as the last char: 2598854+66 = 2598920
//   "*":    42
//   "Aa" = 65*31+97 = 2112 = 66*31+66 = "BB"        (a classic collision)
//   "Hello World" = -862545276                        (wraps past 2^31; the JDK's well-known value)
//   "f5a5a608" = 0                                     (the same hash as a message without tags)
const TAG_A = 2598919;
const TAG_B = 2598920;

describe('Java String.hashCode', () => {
  it.each([
    ['TagA', TAG_A],
    ['TagB', TAG_B],
    ['*', 42],
    ['Aa', 2112],
    ['BB', 2112],
    ['Hello World', -862545276],
    ['f5a5a608', 0],
    ['', 0],
  ])('%j hashes to %d', (tag, code) => {
    expect(javaStringHashCode(tag)).toBe(code);
  });
});

describe('buildSubscriptionData', () => {
  it('builds the heartbeat JSON shape', () => {
    const subscription = buildSubscriptionData('TopicTest', 'TagA || TagB', 'TAG', 1700000000000);
    expect(subscription).toEqual({
      classFilterMode: false,
      topic: 'TopicTest',
      subString: 'TagA || TagB',
      tagsSet: ['TagA', 'TagB'],
      codeSet: [TAG_A, TAG_B],
      subVersion: 1700000000000,
      expressionType: 'TAG',
    });
    expect(Object.keys(subscription)).toEqual([
      'classFilterMode', 'topic', 'subString', 'tagsSet', 'codeSet', 'subVersion', 'expressionType',
    ]);
  });

  it('stamps subVersion with the current time by default', () => {
    const before = Date.now();
    const { subVersion } = buildSubscriptionData('T', '*');
    expect(subVersion).toBeGreaterThanOrEqual(before);
    expect(subVersion).toBeLessThanOrEqual(Date.now());
  });

  it.each([['*'], [''], [undefined], [null]])('%j subscribes to everything', (subString) => {
    expect(buildSubscriptionData('T', subString)).toMatchObject({ subString: '*', tagsSet: [], codeSet: [], expressionType: 'TAG' });
  });

  it.each<[string, string[]]>([
    ['TagA', ['TagA']],
    ['  TagA  ', ['TagA']],
    ['TagA||TagB', ['TagA', 'TagB']],
    [' TagA ||TagA|| ', ['TagA']],
    ['TagA || || TagB ||', ['TagA', 'TagB']],
    ['a|||b', ['a', '|b']],
    ['a | b', ['a | b']],
    ['\tTagA\n', ['TagA']],
    // String.trim only strips chars <= U+0020: a no-break space stays part of the tag
    ['TagA\u00a0', ['TagA\u00a0']],
    // " * " is not "*": it subscribes to the tag "*"
    [' * ', ['*']],
    ['|| ||', []],
  ])('%j gives tags %j', (subString, tags) => {
    const subscription = buildSubscriptionData('T', subString);
    expect(subscription.subString).toBe(subString);
    expect(subscription.tagsSet).toEqual(tags);
    expect(subscription.codeSet).toEqual(tags.map(javaStringHashCode));
  });

  it('keeps one code for tags whose hashes collide, as a Java HashSet of Integer does', () => {
    expect(buildSubscriptionData('T', 'Aa||BB')).toMatchObject({ tagsSet: ['Aa', 'BB'], codeSet: [2112] });
  });

  it.each([['||'], ['||||']])('%j is a split error, as String.split leaves no parts', (subString) => {
    expect(() => buildSubscriptionData('T', subString)).toThrow('subString split error');
  });

  it('keeps an SQL92 expression as it is, with empty sets', () => {
    expect(buildSubscriptionData('T', "a > 5 AND b = 'x'", 'SQL92', 1)).toEqual({
      classFilterMode: false,
      topic: 'T',
      subString: "a > 5 AND b = 'x'",
      tagsSet: [],
      codeSet: [],
      subVersion: 1,
      expressionType: 'SQL92',
    });
  });

  it.each([[''], [undefined]])('refuses an empty SQL92 expression (%j)', (subString) => {
    expect(() => buildSubscriptionData('T', subString, 'SQL92')).toThrow("Expression can't be null! SQL92");
  });
});

describe('isTagType', () => {
  it.each([
    [undefined, true],
    [null, true],
    ['', true],
    ['TAG', true],
    ['SQL92', false],
    ['tag', false],
  ])('%j is %s', (type, expected) => {
    expect(isTagType(type)).toBe(expected);
  });
});

describe('broker check on the consume-queue tag hash', () => {
  const all = buildSubscriptionData('T', '*');
  const ab = buildSubscriptionData('T', 'TagA || TagB');

  it.each<[string, SubscriptionData, number | bigint, boolean]>([
    ['* takes a tagged message', all, TAG_A, true],
    ['* takes a message without tags', all, 0, true],
    ['TagA', ab, TAG_A, true],
    ['TagB', ab, TAG_B, true],
    ['TagC', ab, javaStringHashCode('TagC'), false],
    ['a message without tags (code 0)', ab, 0, false],
    ['a bigint code', ab, BigInt(TAG_A), true],
    // (int)tagsCode: only the low 32 bits count
    ['a code with high bits set', ab, TAG_A + 2 ** 32, true],
    ['a negative hash stored sign-extended', buildSubscriptionData('T', 'Hello World'), -862545276, true],
    ['a negative hash stored as unsigned', buildSubscriptionData('T', 'Hello World'), 2 ** 32 - 862545276, true],
    ['a negative hash as a bigint long', buildSubscriptionData('T', 'Hello World'), -862545276n, true],
    ['a colliding tag passes the hash check', buildSubscriptionData('T', 'Aa'), javaStringHashCode('BB'), true],
    ['a tag hashing to 0 takes untagged messages', buildSubscriptionData('T', 'f5a5a608'), 0, true],
    ['tag " * " is not everything', buildSubscriptionData('T', ' * '), TAG_A, false],
    ['tag " * " takes messages tagged "*"', buildSubscriptionData('T', ' * '), 42, true],
  ])('%s', (_name, subscription, tagsCode, expected) => {
    expect(isTagsCodeMatched(tagsCode, subscription)).toBe(expected);
  });
});

describe('client check on the exact tag string', () => {
  const ab = buildSubscriptionData('T', 'TagA || TagB');

  it.each<[string, SubscriptionData, string | undefined, boolean]>([
    ['* takes anything', buildSubscriptionData('T', '*'), 'TagZ', true],
    ['* takes a message without tags', buildSubscriptionData('T', '*'), undefined, true],
    ['SQL92 subscriptions take anything', buildSubscriptionData('T', 'a = 1', 'SQL92'), undefined, true],
    ['an exact tag', ab, 'TagB', true],
    ['tags are case-sensitive', ab, 'taga', false],
    ['a message without tags is dropped', ab, undefined, false],
    ['a multi-tag string is not split', ab, 'TagA||TagB', false],
    ['a hash collision is dropped here', buildSubscriptionData('T', 'Aa'), 'BB', false],
    ['an untagged message that hashed like f5a5a608 is dropped', buildSubscriptionData('T', 'f5a5a608'), undefined, false],
    ['class filter mode takes anything', { ...ab, classFilterMode: true }, 'TagZ', true],
  ])('%s', (_name, subscription, tags, expected) => {
    expect(isTagStringMatched(tags, subscription)).toBe(expected);
  });
});
