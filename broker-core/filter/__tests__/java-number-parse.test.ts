import { describe, expect, it } from 'vitest';
import { parseJavaBoolean, parseJavaDouble, parseJavaInt, parseJavaLong } from '../java-number-parse';
import { Sql92EvaluationError } from '../sql92-error';
import { compareJavaDoubles, compareValues, javaDouble, javaInteger, javaLong, negateValue } from '../sql92-values';

// Expected values are what the JDK answers for Integer/Long/Double/Boolean.valueOf.

describe('Integer.valueOf', () => {
  it.each([
    ['0', 0],
    ['-0', 0],
    ['+5', 5],
    ['007', 7],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['00000000000000000000042', 42],
  ])('%j is %d', (text, value) => {
    expect(Object.is(parseJavaInt(text), value)).toBe(true);
  });

  it.each(['', '-', '+', ' 1', '1 ', '1.0', '1e3', '0x10', '2147483648', '-2147483649', '99999999999999999999', '１', '1_000'])(
    '%j is a NumberFormatException',
    (text) => {
      expect(() => parseJavaInt(text)).toThrow(Sql92EvaluationError);
    },
  );
});

describe('Long.valueOf', () => {
  it.each([
    ['0', 0n],
    ['-12', -12n],
    ['+9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['0000000000000000000000001', 1n],
  ])('%j is %s', (text, value) => {
    expect(parseJavaLong(text)).toBe(value);
  });

  it.each(['', '-', '9223372036854775808', '-9223372036854775809', '1L', ' 1', '0x1', '1.0'])('%j is a NumberFormatException', (text) => {
    expect(() => parseJavaLong(text)).toThrow(Sql92EvaluationError);
  });
});

describe('Double.valueOf', () => {
  it.each([
    ['1', 1],
    ['1.', 1],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['+1e3', 1000],
    ['1E-3', 0.001],
    [' 2.5\t', 2.5],
    ['\n7\u0000', 7],
    ['1f', 1],
    ['1.5D', 1.5],
    ['1e400', Infinity],
    ['-1e400', -Infinity],
    ['1e-400', 0],
    ['-0', -0],
    ['NaN', NaN],
    ['-NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['0x1p3', 8],
    ['0X1.8P1', 3],
    ['0x.8p1', 1],
    ['-0x10p-4', -1],
    ['0x1p-1074', 5e-324],
    ['0x1p1024', Infinity],
    ['0.1', 0.1],
    ['123456789012345678901234567890', 1.2345678901234568e29],
  ])('%j is %d', (text, value) => {
    expect(Object.is(parseJavaDouble(text), value)).toBe(true);
  });

  it.each(['', ' ', '.', '-', 'e5', '1e', '1e+', '1.5.5', 'nan', 'inf', 'infinity', '1ff', '1 f', '1 2', '0x1', '0xp1', '0x1p', '1,5', '١', '\u00a01'])(
    '%j is a NumberFormatException',
    (text) => {
      expect(() => parseJavaDouble(text)).toThrow(Sql92EvaluationError);
    },
  );
});

describe('Boolean.valueOf', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['tRuE', true],
    ['yes', false],
    ['1', false],
    [' true', false],
    ['', false],
  ])('%j is %s', (text, value) => {
    expect(parseJavaBoolean(text)).toBe(value);
  });
});

describe('value comparison', () => {
  it('orders doubles as Double.compare does', () => {
    expect(compareJavaDoubles(NaN, Infinity)).toBe(1);
    expect(compareJavaDoubles(Infinity, NaN)).toBe(-1);
    expect(compareJavaDoubles(NaN, NaN)).toBe(0);
    expect(compareJavaDoubles(-0, 0)).toBe(-1);
    expect(compareJavaDoubles(0, -0)).toBe(1);
    expect(compareJavaDoubles(1, 2)).toBe(-1);
  });

  it('widens Integer to Long and anything with a Double to Double', () => {
    expect(compareValues(javaInteger(1), javaLong(1n))).toBe(0);
    expect(compareValues(javaLong(9007199254740993n), javaLong(9007199254740992n))).toBe(1);
    expect(compareValues(javaLong(3n), javaDouble(2.5))).toBe(1);
    expect(compareValues(javaInteger(2), javaDouble(2.5))).toBe(-1);
  });

  it('reads the string side as the number side\'s type, in both directions', () => {
    expect(compareValues('10', javaInteger(9))).toBe(1);
    expect(compareValues(javaInteger(9), '10')).toBe(-1);
    expect(() => compareValues(javaInteger(9), '1.5')).toThrow(Sql92EvaluationError);
    expect(compareValues(javaDouble(9), '1.5')).toBe(1);
  });

  it('negates numbers with Java overflow and nothing else', () => {
    expect(negateValue(javaInteger(-2147483648))).toEqual(javaInteger(-2147483648));
    expect(negateValue(javaLong(-(1n << 63n)))).toEqual(javaLong(-(1n << 63n)));
    expect(negateValue(javaDouble(1.5))).toEqual(javaDouble(-1.5));
    expect(negateValue('5')).toBeNull();
    expect(negateValue(true)).toBeNull();
    expect(negateValue(null)).toBeNull();
  });
});
