import { describe, expect, it } from 'vitest';
import { javaStringHashCode } from '../../common/java-hash';
import { buildSubscriptionData, compileSql92, createMessageFilter, Sql92ParseError, type SubscriptionData } from '..';

const TAG_A = javaStringHashCode('TagA');

describe('createMessageFilter for TAG subscriptions', () => {
  it('filters on the consume-queue hash and never on the commit log', () => {
    const filter = createMessageFilter(buildSubscriptionData('T', 'TagA || TagB'));
    expect(filter.isMatchedByConsumeQueue(TAG_A)).toBe(true);
    expect(filter.isMatchedByConsumeQueue(javaStringHashCode('TagB'))).toBe(true);
    expect(filter.isMatchedByConsumeQueue(javaStringHashCode('TagC'))).toBe(false);
    expect(filter.isMatchedByConsumeQueue(0)).toBe(false);
    expect(filter.isMatchedByConsumeQueue(BigInt(TAG_A) + (1n << 40n))).toBe(true);
    expect(filter.isMatchedByCommitLog(undefined)).toBe(true);
    expect(filter.isMatchedByCommitLog({ TAGS: 'TagC' })).toBe(true);
  });

  it('takes everything for *', () => {
    const filter = createMessageFilter(buildSubscriptionData('T', '*'));
    expect(filter.isMatchedByConsumeQueue(0)).toBe(true);
    expect(filter.isMatchedByConsumeQueue(TAG_A)).toBe(true);
    expect(filter.isMatchedByCommitLog(new Map())).toBe(true);
  });

  it('treats an absent or empty expression type from an old client as TAG', () => {
    const legacy = { ...buildSubscriptionData('T', 'TagA'), expressionType: '' } as unknown as SubscriptionData;
    const filter = createMessageFilter(legacy);
    expect(filter.isMatchedByConsumeQueue(TAG_A)).toBe(true);
    expect(filter.isMatchedByConsumeQueue(1)).toBe(false);
  });
});

describe('createMessageFilter for SQL92 subscriptions', () => {
  const subscription = buildSubscriptionData('T', "a > 5 AND region = 'eu'", 'SQL92');

  it('passes every consume-queue unit and evaluates the properties', () => {
    const filter = createMessageFilter(subscription);
    expect(filter.isMatchedByConsumeQueue(0)).toBe(true);
    expect(filter.isMatchedByConsumeQueue(TAG_A)).toBe(true);
    expect(filter.isMatchedByCommitLog({ a: '6', region: 'eu' })).toBe(true);
    expect(filter.isMatchedByCommitLog(new Map([['a', '6'], ['region', 'eu']]))).toBe(true);
    expect(filter.isMatchedByCommitLog({ a: '5', region: 'eu' })).toBe(false);
    expect(filter.isMatchedByCommitLog({ a: 'six', region: 'eu' })).toBe(false);
    expect(filter.isMatchedByCommitLog({})).toBe(false);
  });

  it('does not match when the properties are missing', () => {
    const filter = createMessageFilter(buildSubscriptionData('T', 'a IS NULL', 'SQL92'));
    expect(filter.isMatchedByCommitLog({})).toBe(true);
    expect(filter.isMatchedByCommitLog(undefined)).toBe(false);
  });

  it('uses the expression compiled at registration when given', () => {
    const filter = createMessageFilter(subscription, { compiledSql: compileSql92("b = 'given'") });
    expect(filter.isMatchedByCommitLog({ b: 'given' })).toBe(true);
    expect(filter.isMatchedByCommitLog({ a: '6', region: 'eu' })).toBe(false);
  });

  it('throws Sql92ParseError for an expression that does not compile', () => {
    expect(() => createMessageFilter(buildSubscriptionData('T', 'a >', 'SQL92'))).toThrow(Sql92ParseError);
  });
});

describe('createMessageFilter in class filter mode', () => {
  it('takes everything', () => {
    const filter = createMessageFilter({ ...buildSubscriptionData('T', 'a = 1', 'SQL92'), classFilterMode: true });
    expect(filter.isMatchedByConsumeQueue(7)).toBe(true);
    expect(filter.isMatchedByCommitLog({})).toBe(true);
  });
});
