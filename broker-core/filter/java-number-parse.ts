import { Sql92EvaluationError } from './sql92-error';

/**
 * Java's Integer.valueOf, Long.valueOf, Double.valueOf and Boolean.valueOf on strings, because the broker's SQL92
 * filter converts message properties (always strings) with exactly these rules, and a string Java refuses means
 * "no match". Hand-written scanners, no regular expressions: they run per message.
 *
 * Known gap: Java also accepts non-ASCII Unicode decimal digits in Integer/Long.valueOf; we accept ASCII only.
 */

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(1n << 63n);
const LONG_MAX = (1n << 63n) - 1n;

function numberFormatError(input: string): Sql92EvaluationError {
  return new Sql92EvaluationError(`NumberFormatException: For input string: ${JSON.stringify(input)}`);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Index of the first digit after an optional sign, or -1 if the rest is not one or more ASCII digits. */
function signedDigitsStart(input: string): number {
  const first = input.charCodeAt(0);
  const start = first === 45 || first === 43 ? 1 : 0;
  if (start >= input.length) return -1;
  for (let i = start; i < input.length; i++) {
    if (!isDigit(input.charCodeAt(i))) return -1;
  }
  return start;
}

export function parseJavaInt(input: string): number {
  const start = signedDigitsStart(input);
  if (start < 0) throw numberFormatError(input);
  let value = 0;
  for (let i = start; i < input.length; i++) {
    value = value * 10 + (input.charCodeAt(i) - 48);
    if (value > -INT_MIN) throw numberFormatError(input); // stays exact: we stop long before 2^53
  }
  const signed = input.charCodeAt(0) === 45 ? -value : value;
  if (signed < INT_MIN || signed > INT_MAX) throw numberFormatError(input);
  return signed === 0 ? 0 : signed; // no -0
}

export function parseJavaLong(input: string): bigint {
  const start = signedDigitsStart(input);
  if (start < 0) throw numberFormatError(input);
  const magnitude = BigInt(input.slice(start));
  const value = input.charCodeAt(0) === 45 ? -magnitude : magnitude;
  if (value < LONG_MIN || value > LONG_MAX) throw numberFormatError(input);
  return value;
}

/** Boolean.valueOf(String): "true" in any case is true, everything else false. */
export function parseJavaBoolean(input: string): boolean {
  return input.length === 4 && input.toLowerCase() === 'true';
}

/**
 * Double.valueOf(String) (FloatingDecimal.readJavaFormatString): trim chars <= ' ', optional sign, then "NaN",
 * "Infinity", a hex float "0x<hex>[.<hex>]p<exp>", or digits with at most one '.', an optional exponent and one
 * optional [fFdD] suffix.
 */
export function parseJavaDouble(input: string): number {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= 32) start++;
  while (end > start && input.charCodeAt(end - 1) <= 32) end--;
  let i = start;
  const sign = input.charCodeAt(i);
  const negative = sign === 45;
  if (negative || sign === 43) i++;
  if (i >= end) throw numberFormatError(input);

  const first = input.charCodeAt(i);
  if (first === 78) {
    if (end - i === 3 && input.startsWith('NaN', i)) return NaN;
    throw numberFormatError(input);
  }
  if (first === 73) {
    if (end - i === 8 && input.startsWith('Infinity', i)) return negative ? -Infinity : Infinity;
    throw numberFormatError(input);
  }
  const second = input.charCodeAt(i + 1);
  if (first === 48 && i + 1 < end && (second === 120 || second === 88)) {
    const magnitude = parseHexMagnitude(input, i + 2, end);
    return negative ? -magnitude : magnitude;
  }

  let digits = 0;
  let pointSeen = false;
  for (; i < end; i++) {
    const c = input.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 && !pointSeen) pointSeen = true;
    else if (c === 46) throw numberFormatError(input);
    else break;
  }
  if (digits === 0) throw numberFormatError(input);
  const e = input.charCodeAt(i);
  if (i < end && (e === 101 || e === 69)) {
    i++;
    const expSign = input.charCodeAt(i);
    if (expSign === 43 || expSign === 45) i++;
    const expStart = i;
    while (i < end && isDigit(input.charCodeAt(i))) i++;
    if (i === expStart) throw numberFormatError(input);
  }
  const numberEnd = i;
  if (i < end && !(i === end - 1 && isFloatSuffix(input.charCodeAt(i)))) throw numberFormatError(input);
  // The checked text is ECMAScript StrDecimalLiteral syntax too, and both sides round to nearest.
  return Number(input.slice(start, numberEnd));
}

const isFloatSuffix = (c: number): boolean => c === 102 || c === 70 || c === 100 || c === 68;

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** `<hex>[.<hex>] [pP] [+-]? <digits> [fFdD]?` between from and end (the part after "0x"). */
function parseHexMagnitude(input: string, from: number, end: number): number {
  let mantissa = 0n;
  let hexDigits = 0;
  let fractionDigits = 0;
  let pointSeen = false;
  let i = from;
  for (; i < end; i++) {
    const c = input.charCodeAt(i);
    const d = hexDigit(c);
    if (d >= 0) {
      mantissa = (mantissa << 4n) | BigInt(d);
      hexDigits++;
      if (pointSeen) fractionDigits++;
    } else if (c === 46 && !pointSeen) {
      pointSeen = true;
    } else {
      break;
    }
  }
  const p = input.charCodeAt(i);
  if (hexDigits === 0 || i >= end || (p !== 112 && p !== 80)) throw numberFormatError(input);
  i++;
  const expSign = input.charCodeAt(i);
  if (expSign === 43 || expSign === 45) i++;
  const expStart = i;
  while (i < end && isDigit(input.charCodeAt(i))) i++;
  if (i === expStart) throw numberFormatError(input);
  if (i < end && !(i === end - 1 && isFloatSuffix(input.charCodeAt(i)))) throw numberFormatError(input);
  const exponentDigits = input.slice(expStart, i);
  const exponent = (expSign === 45 ? -1 : 1) * Math.min(Number(exponentDigits), 1e6);
  // Number(bigint) rounds to nearest; scaling by powers of two is exact except in the subnormal range.
  return scaleByPowerOfTwo(Number(mantissa), exponent - 4 * fractionDigits);
}

function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let remaining = exponent;
  while (remaining > 1000 && result !== 0 && Number.isFinite(result)) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000 && result !== 0 && Number.isFinite(result)) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}
