import { describe, expect, it } from 'vitest';
import { messageSendSchema } from './message-send';
import { rangeStart, timeRangeSchema } from './time-range';

describe('send-message form schema', () => {
  const base = { cluster: 'embedded', body: 'hello' };
  const problem = (fields: Record<string, unknown>) => messageSendSchema.safeParse({ ...base, ...fields }).error?.issues[0].message;

  it('fills defaults and accepts tags, keys, properties and delay levels', () => {
    expect(messageSendSchema.parse(base)).toEqual({ cluster: 'embedded', body: 'hello', tags: '', keys: '', properties: [], delayLevel: 0 });
    expect(messageSendSchema.parse({ ...base, tags: 'A', keys: 'k1 k2', properties: [{ name: 'origin', value: 'x' }], delayLevel: '3' }).delayLevel).toBe(3);
  });

  it('refuses what the producer or the broker would refuse, with the reason', () => {
    expect(problem({ body: '' })).toBe('message body is required');
    expect(problem({ tags: 'a||b' })).toBe('tag must not contain |');
    expect(problem({ delayLevel: 19 })).toBe('delay level must be between 0 and 18');
    expect(problem({ properties: [{ name: 'TAGS', value: 'x' }] })).toBe('TAGS is a system property name');
    expect(problem({ properties: [{ name: 'UNIQ_KEY', value: 'x' }] })).toBe('UNIQ_KEY is a system property name');
    expect(problem({ properties: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] })).toBe('property names must be unique');
    expect(problem({ body: 'x'.repeat(4 * 1024 * 1024 + 1) })).toBe('message body is at most 4194304 bytes');
  });
});

describe('time ranges', () => {
  it('starts the named ranges 5 minutes, an hour and local midnight before now', () => {
    const now = new Date(2025, 0, 31, 15, 30, 0).getTime();
    expect(rangeStart('5m', now)).toBe(now - 300_000);
    expect(rangeStart('1h', now)).toBe(now - 3_600_000);
    expect(rangeStart('today', now)).toBe(new Date(2025, 0, 31).getTime());
  });

  it('accepts a from-to range and refuses a reversed or too long one', () => {
    expect(timeRangeSchema.parse({ from: '1000', to: '2000' })).toEqual({ from: 1000, to: 2000 });
    expect(timeRangeSchema.safeParse({ from: 2000, to: 1000 }).error?.issues[0].message).toBe('from must be before to');
    expect(timeRangeSchema.safeParse({ from: 0, to: 32 * 24 * 3600_000 }).error?.issues[0].message).toBe('the time range is at most 31 days');
  });
});
