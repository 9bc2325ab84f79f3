import { parseJavaBoolean, parseJavaDouble, parseJavaInt, parseJavaLong } from './java-number-parse';
import { Sql92EvaluationError } from './sql92-error';

/**
 * The values an upstream expression can produce and how upstream compares them (ComparisonExpression.__compare
 * with CONVERT_STRING_EXPRESSIONS on, which SelectorParser.parse always sets).
 *
 * Message properties are strings; numbers only come from literals (Integer if the literal fits 32 bits, else
 * Long; floats are Double), so a number is a tagged object built once at compile time. Java's boxed classes
 * matter: a string compared with an Integer literal is parsed with Integer.valueOf, with a Long literal with
 * Long.valueOf, with a Double literal with Double.valueOf, and a parse failure throws.
 */

export type JavaNumber =
  | { readonly type: 'Integer'; readonly value: number }
  | { readonly type: 'Long'; readonly value: bigint }
  | { readonly type: 'Double'; readonly value: number };

/** null is SQL NULL (a missing property, the NULL literal, the result of unknown logic). */
export type SqlValue = string | boolean | null | JavaNumber;

export const javaInteger = (value: number): JavaNumber => ({ type: 'Integer', value });
export const javaLong = (value: bigint): JavaNumber => ({ type: 'Long', value });
export const javaDouble = (value: number): JavaNumber => ({ type: 'Double', value });

const sign = (difference: number): number => (difference < 0 ? -1 : difference > 0 ? 1 : 0);

/** Double.compare: NaN is above everything and equal to itself, -0.0 is below 0.0. */
export function compareJavaDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
  if (a === 0) {
    const aNegative = Object.is(a, -0);
    return aNegative === Object.is(b, -0) ? 0 : aNegative ? -1 : 1;
  }
  return 0;
}

/** String.compareTo: by UTF-16 code units, which is also how JavaScript's < orders strings. */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareBooleans = (a: boolean, b: boolean): number => (a === b ? 0 : a ? 1 : -1);

const toDouble = (n: JavaNumber): number => (n.type === 'Long' ? Number(n.value) : n.value);

/** Numbers of different boxed types are widened: Integer to Long, anything with a Double to Double. */
function compareNumbers(a: JavaNumber, b: JavaNumber): number {
  if (a.type === 'Double' || b.type === 'Double') return compareJavaDoubles(toDouble(a), toDouble(b));
  if (a.type === 'Integer' && b.type === 'Integer') return sign(a.value - b.value);
  const left = BigInt(a.value);
  const right = BigInt(b.value);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A property string read as the boxed type of a numeric literal, compared with it. */
function compareStringToNumber(text: string, n: JavaNumber): number {
  switch (n.type) {
    case 'Integer':
      return sign(parseJavaInt(text) - n.value);
    case 'Long': {
      const parsed = parseJavaLong(text);
      return parsed < n.value ? -1 : parsed > n.value ? 1 : 0;
    }
    case 'Double':
      return compareJavaDoubles(parseJavaDouble(text), n.value);
  }
}

/**
 * __compare(lv, rv): converts the string side to the other side's type; a Boolean against a number answers -1
 * (never equal, always "less"); a Boolean on the left of a string is Java's ClassCastException.
 */
export function compareValues(left: NonNullable<SqlValue>, right: NonNullable<SqlValue>): number {
  if (typeof left === 'string') {
    if (typeof right === 'string') return compareStrings(left, right);
    if (typeof right === 'boolean') return compareBooleans(parseJavaBoolean(left), right);
    return compareStringToNumber(left, right);
  }
  if (typeof left === 'boolean') {
    if (typeof right === 'boolean') return compareBooleans(left, right);
    if (typeof right === 'string') throw new Sql92EvaluationError('ClassCastException: Boolean cannot be cast to String');
    return -1;
  }
  if (typeof right === 'string') return -compareStringToNumber(right, left);
  if (typeof right === 'boolean') return -1;
  return compareNumbers(left, right);
}

/** Object.equals between two non-null values: same boxed class and value (Double.equals compares bits). */
export function javaEquals(left: NonNullable<SqlValue>, right: NonNullable<SqlValue>): boolean {
  if (typeof left !== 'object' || typeof right !== 'object') return left === right;
  return left.type === right.type && Object.is(left.value, right.value);
}

/** Unary minus: numbers only, with Java's wrap-around; anything else (a property string) is NULL. */
export function negateValue(value: SqlValue): SqlValue {
  if (value === null || typeof value !== 'object') return null;
  switch (value.type) {
    case 'Integer':
      return javaInteger(-value.value | 0);
    case 'Long':
      return javaLong(BigInt.asIntN(64, -value.value));
    case 'Double':
      return javaDouble(-value.value);
  }
}

/** How upstream prints a value in messages (ConstantExpression.toString). */
export function formatValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return String(value.value);
}
