import { describe, expect, it } from 'vitest';
import { compileSql92, evaluateSql92, Sql92ParseError } from '..';
import { compileError, outcome, type Outcome } from './sql92-helpers';

// Grammar of SelectorParser.jj (4.9.8 + 5.x CONTAINS/STARTSWITH/ENDSWITH), spec/semantics.md §9.

type Row = [expression: string, properties: Record<string, string>, expected: Outcome];

const check = (rows: Row[]) =>
  it.each(rows)('%s with %j is %s', (expression, properties, expected) => {
    expect(outcome(expression, properties)).toBe(expected);
  });

describe('literals', () => {
  describe('strings', () =>
    check([
      ["a = 'it''s'", { a: "it's" }, 'TRUE'],
      ["a = ''''", { a: "'" }, 'TRUE'],
      ["a = ''", { a: '' }, 'TRUE'],
      ["a = 'x y'", { a: 'x y' }, 'TRUE'],
      ["a = '中文'", { a: '中文' }, 'TRUE'],
      ["a = 'line\nbreak'", { a: 'line\nbreak' }, 'TRUE'],
      ["a = 'AND OR -- /* */'", { a: 'AND OR -- /* */' }, 'TRUE'],
      ["a = '\\'", { a: '\\' }, 'TRUE'],
    ]));

  describe('integers: Integer when they fit 32 bits, else Long; L suffix', () =>
    check([
      ['a = 10', { a: '10' }, 'TRUE'],
      ['a = 0', { a: '0' }, 'TRUE'],
      ['a = 10L', { a: '10' }, 'TRUE'],
      ['a = 10l', { a: '10' }, 'TRUE'],
      ['a = 2147483647', { a: '2147483647' }, 'TRUE'],
      // Integer literal: the property is read with Integer.valueOf, which refuses 2^31
      ['a = 2147483647', { a: '2147483648' }, 'ERROR'],
      // 2^31 is a Long literal: Long.valueOf reads the property
      ['a = 2147483648', { a: '2147483648' }, 'TRUE'],
      ['a = 2147483648', { a: '1' }, 'FALSE'],
      ['a = 9223372036854775807', { a: '9223372036854775807' }, 'TRUE'],
      ['a = 5000000000', { a: '5000000000' }, 'TRUE'],
      ['a = 5000000000', { a: '9223372036854775807' }, 'FALSE'],
      ['a = 5000000000', { a: '9223372036854775808' }, 'ERROR'],
      ['a = 1', { a: '9223372036854775807' }, 'ERROR'],
      // the suffix does not force a Long: createFromDecimal strips it, then narrows to Integer when it fits
      ['a = 1L', { a: '9223372036854775807' }, 'ERROR'],
      ['a = 5000000000L', { a: '5000000000' }, 'TRUE'],
    ]));

  describe('floats are Double', () =>
    check([
      ['a = 1.5', { a: '1.5' }, 'TRUE'],
      ['a = 1.', { a: '1' }, 'TRUE'],
      ['a = .5', { a: '0.5' }, 'TRUE'],
      ['a = 1e3', { a: '1000' }, 'TRUE'],
      ['a = 1E+3', { a: '1000.0' }, 'TRUE'],
      ['a = 1.5e-1', { a: '0.15' }, 'TRUE'],
      ['a = 2.5', { a: '2.50' }, 'TRUE'],
      ['a = 4.9E-324', { a: '4.9E-324' }, 'TRUE'],
    ]));

  describe('TRUE, FALSE, NULL', () =>
    check([
      ['TRUE', {}, 'TRUE'],
      ['FALSE', {}, 'FALSE'],
      ['NULL', {}, 'NULL'],
      ['a = TRUE', { a: 'true' }, 'TRUE'],
      ['a = TRUE', { a: 'TRUE' }, 'TRUE'],
      ['a = TRUE', { a: 'yes' }, 'FALSE'],
      // Boolean.valueOf reads anything but "true" as false
      ['a = FALSE', { a: 'no' }, 'TRUE'],
    ]));
});

describe('identifiers are looked up by their exact spelling', () =>
  check([
    ["$a_1 = 'x'", { $a_1: 'x' }, 'TRUE'],
    ["_x = 'x'", { _x: 'x' }, 'TRUE'],
    ["A = 'x'", { a: 'x' }, 'NULL'],
    ["a = 'x'", { A: 'x' }, 'NULL'],
    ["TAGS = 'TagA'", { TAGS: 'TagA' }, 'TRUE'],
    // identifiers that start with a keyword are identifiers
    ["notes = 'x' AND ORDER = 'y' AND in_ = 'z' AND isx = 'w'", { notes: 'x', ORDER: 'y', in_: 'z', isx: 'w' }, 'TRUE'],
    ["contain = 'x'", { contain: 'x' }, 'TRUE'],
    // Object.prototype's names are not properties of a message
    ['constructor IS NULL AND toString IS NULL', {}, 'TRUE'],
  ]));

describe('keywords are case-insensitive', () =>
  check([
    ['a between 1 and 3', { a: '2' }, 'TRUE'],
    ['a BeTwEeN 1 AnD 3', { a: '2' }, 'TRUE'],
    ['a Is NoT nUlL', { a: '2' }, 'TRUE'],
    ['a is null', {}, 'TRUE'],
    ["a iN ('1')", { a: '1' }, 'TRUE'],
    ["a not in ('1')", { a: '2' }, 'TRUE'],
    ['a = true or a = False', { a: 'false' }, 'TRUE'],
    ['not (a = 1)', { a: '2' }, 'TRUE'],
    ["a contains 'b' and a startsWith 'a' and a EndsWith 'c'", { a: 'abc' }, 'TRUE'],
    ["a not contains 'x' and a not startswith 'x' and a NOT ENDSWITH 'x'", { a: 'abc' }, 'TRUE'],
  ]));

describe('comparison operators', () =>
  check([
    ['a = 2', { a: '2' }, 'TRUE'],
    ['a <> 2', { a: '2' }, 'FALSE'],
    ['a <> 2', { a: '3' }, 'TRUE'],
    ['a > 2', { a: '3' }, 'TRUE'],
    ['a > 2', { a: '2' }, 'FALSE'],
    ['a >= 2', { a: '2' }, 'TRUE'],
    ['a < 2', { a: '1' }, 'TRUE'],
    ['a < 2', { a: '-5' }, 'TRUE'],
    ['a <= 2', { a: '2' }, 'TRUE'],
    ['a <= 2', { a: '3' }, 'FALSE'],
    ['2 < a', { a: '3' }, 'TRUE'],
    ['a>2', { a: '3' }, 'TRUE'],
    ['a<>2', { a: '3' }, 'TRUE'],
  ]));

describe('BETWEEN and IN, with and without NOT', () =>
  check([
    ['a BETWEEN 1 AND 3', { a: '1' }, 'TRUE'],
    ['a BETWEEN 1 AND 3', { a: '3' }, 'TRUE'],
    ['a BETWEEN 1 AND 3', { a: '0' }, 'FALSE'],
    ['a BETWEEN 1 AND 3', { a: '4' }, 'FALSE'],
    ['a BETWEEN 3 AND 3', { a: '3' }, 'TRUE'],
    ['a BETWEEN 1.0 AND 3.0', { a: '2.5' }, 'TRUE'],
    ['a NOT BETWEEN 1 AND 3', { a: '0' }, 'TRUE'],
    ['a NOT BETWEEN 1 AND 3', { a: '2' }, 'FALSE'],
    ['a NOT BETWEEN 1 AND 3', { a: '4' }, 'TRUE'],
    ['a BETWEEN b AND c', { a: '5', b: '1', c: '10' }, 'TRUE'],
    ["a IN ('x', 'y')", { a: 'y' }, 'TRUE'],
    ["a IN ('x', 'y')", { a: 'z' }, 'FALSE'],
    ["a IN ('x')", { a: 'X' }, 'FALSE'],
    ["a IN ('x','x','y','z','w','v')", { a: 'v' }, 'TRUE'],
    ["a NOT IN ('x', 'y')", { a: 'z' }, 'TRUE'],
    ["a NOT IN ('x', 'y')", { a: 'x' }, 'FALSE'],
    ["(a) IN ('x')", { a: 'x' }, 'TRUE'],
    ["a IN ('1')", { a: '1' }, 'TRUE'],
  ]));

describe('IS NULL and IS NOT NULL', () =>
  check([
    ['a IS NULL', {}, 'TRUE'],
    ['a IS NULL', { a: '' }, 'FALSE'],
    ['a IS NOT NULL', { a: '' }, 'TRUE'],
    ['a IS NOT NULL', {}, 'FALSE'],
    ['(a = 1) IS NULL', {}, 'TRUE'],
    ['(a = 1) IS NOT NULL', { a: '1' }, 'TRUE'],
  ]));

describe('unary plus and minus', () =>
  check([
    ['a = +5', { a: '5' }, 'TRUE'],
    ['a = -5', { a: '-5' }, 'TRUE'],
    ['a = - -5', { a: '5' }, 'TRUE'],
    ['a = -1.5', { a: '-1.5' }, 'TRUE'],
    ['a > -9223372036854775807', { a: '0' }, 'TRUE'],
    // -2147483648 is the negation of the Long 2147483648, so the property is read as a Long
    ['a = -2147483648', { a: '-2147483648' }, 'TRUE'],
    // minus on a property (a string) is NULL, as upstream's negate of a non-number
    ['-a = -1', { a: '1' }, 'NULL'],
    ["a > -'x'", { a: '1' }, 'NULL'],
  ]));

describe('comments', () =>
  check([
    ['a = 1 /* comment */ AND b = 2', { a: '1', b: '2' }, 'TRUE'],
    ['/* leading */ a = 1', { a: '1' }, 'TRUE'],
    ['a = /* ** x * / */ 1', { a: '1' }, 'TRUE'],
    ['a = 1 -- comment\nAND b = 2', { a: '1', b: '3' }, 'FALSE'],
    ['a = 1 -- comment\r\nAND b = 2', { a: '1', b: '2' }, 'TRUE'],
    ['-- leading comment\na = 1', { a: '1' }, 'TRUE'],
    ['a = 1 -- a trailing comment without a newline', { a: '1' }, 'TRUE'],
  ]));

describe('precedence: OR < AND < (= <> IS) < (> >= < <= BETWEEN IN) < unary', () =>
  check([
    // AND binds tighter than OR: TRUE OR (FALSE AND FALSE)
    ['a = 1 OR b = 1 AND c = 1', { a: '1', b: '0', c: '0' }, 'TRUE'],
    ['(a = 1 OR b = 1) AND c = 1', { a: '1', b: '0', c: '0' }, 'FALSE'],
    // > binds tighter than =: (a > 1) = TRUE
    ['a > 1 = TRUE', { a: '2' }, 'TRUE'],
    ['a > 1 = FALSE', { a: '2' }, 'FALSE'],
    // = chains from the left: (a = b) = TRUE
    ['a = b = TRUE', { a: 'x', b: 'x' }, 'TRUE'],
    // NOT is unary, tighter than =: (NOT a) = 'x' compares a Boolean with a string (ClassCastException upstream)
    ["NOT a = 'x'", { a: 'x' }, 'ERROR'],
    ["NOT (a = 'x')", { a: 'x' }, 'FALSE'],
    ['NOT NOT TRUE', {}, 'TRUE'],
    ['a BETWEEN 1 AND 3 AND b = 1', { a: '2', b: '1' }, 'TRUE'],
    ['a BETWEEN 1 AND 3 = TRUE', { a: '2' }, 'TRUE'],
    ['((((a = 1))))', { a: '1' }, 'TRUE'],
  ]));

describe('malformed expressions throw Sql92ParseError', () => {
  it.each([
    ['a =', 'Encountered "<EOF>" at line 1, column 4'],
    ['a IN ()', 'Encountered ")" at line 1, column 7'],
    ['(a = 1', 'Encountered "<EOF>" at line 1, column 7'],
    ["a = 'x", 'Lexical error at line 1, column 7'],
    ['', 'Encountered "<EOF>" at line 1, column 1'],
    ['   ', 'Encountered "<EOF>" at line 1, column 4'],
    ['/* only a comment */', 'Encountered "<EOF>"'],
    ['a = 1 AND', 'Encountered "<EOF>" at line 1, column 10'],
    ['a = 1 OR OR b = 2', 'Encountered "OR" at line 1, column 10'],
    ["a IN ('x',)", 'Encountered ")" at line 1, column 11'],
    ["a IN ('x'", 'Encountered "<EOF>"'],
    ["a IN 'x'", 'Encountered "\'x\'"'],
    ['a IN (1)', 'Encountered "1"'],
    ['a CONTAINS b', 'Encountered "b"'],
    ['a CONTAINS 1', 'Encountered "1"'],
    ["a CONTAINS", 'Encountered "<EOF>"'],
    ['a IS 1', 'Encountered "1"'],
    ['a IS NOT 1', 'Encountered "1"'],
    ['a NOT x', 'Encountered "x"'],
    ['a = 1 NOT', 'Encountered "<EOF>"'],
    ['a BETWEEN 1 OR 2', 'Encountered "OR"'],
    ['a = = 1', 'Encountered "="'],
    ['a < > 1', 'Encountered ">"'],
    ['a = "x"', 'Lexical error at line 1, column 5'],
    ['a # 1', 'Lexical error at line 1, column 3'],
    ['a.b = 1', 'Lexical error at line 1, column 2'],
    ['a = 1 /* never closed', 'Lexical error at line 1, column 7'],
    ['a = 1 AND\n  b = ', 'at line 2, column 7'],
    ['a = 1 AND\r\n  b # 1', 'Lexical error at line 2, column 5'],
  ])('%j: %s', (expression, message) => {
    let thrown: unknown;
    try {
      compileSql92(expression);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Sql92ParseError);
    expect((thrown as Sql92ParseError).message).toContain(message);
  });

  it('reports line and column on the error object', () => {
    const error = (() => {
      try {
        compileSql92('a = 1\nAND b > TRUE');
      } catch (e) {
        return e as Sql92ParseError;
      }
    })();
    expect(error).toMatchObject({ name: 'Sql92ParseError', line: 2, column: 7 });
  });

  it('evaluateSql92 throws the parse error too', () => {
    expect(() => evaluateSql92('a = ', {})).toThrow(Sql92ParseError);
  });
});

describe('compile-time type errors, as upstream', () => {
  it.each([
    ["a > 'x'", "Value ''x'' cannot be compared"],
    ["'x' < a", "Value ''x'' cannot be compared"],
    ['a >= TRUE', "Value 'TRUE' cannot be compared"],
    ['a <= NULL', "Value 'NULL' cannot be compared"],
    ['a > (b = 1)', 'cannot be compared'],
    ['a < NOT b', 'cannot be compared'],
    ['NOT a > 1', 'cannot be compared'], // (NOT a) > 1: NOT is unary
    ['a BETWEEN 3 AND 1', 'Illegal values of between'],
    ['a BETWEEN 2 AND 1.5', 'Illegal values of between'],
    ['a BETWEEN NULL AND 1', 'values can not be null'],
    ["a BETWEEN 'a' AND 'b'", "Value ''a'' cannot be compared"],
    ['a BETWEEN TRUE AND FALSE', 'Illegal values of between'],
    ['a = NULL', "'NULL' cannot be compared"],
    ['NULL <> a', "'NULL' cannot be compared"],
    ["TRUE = 'x'", "'TRUE' cannot be compared with ''x''"],
    ['FALSE = 1', "'FALSE' cannot be compared with '1'"],
    ['0.0', 'is less than'],
    ['a = 0.0', '0.0 is less than'],
    ['a = .0', 'is less than'],
    ['a = 0e5', 'is less than'],
    ['a = 1e-400', 'is less than'],
    ['a = 1e309', 'is greater than'],
    ['a > 9223372036854775808', 'exceeds Long.MAX_VALUE'],
    ['a > 100000000000000000000000', 'exceeds Long.MAX_VALUE'],
    ['1', 'Expression will not result in a boolean value: 1'],
    ["'x'", "Expression will not result in a boolean value: 'x'"],
    ['-a', 'Expression will not result in a boolean value'],
    ['a = 1 AND 2', 'Expression will not result in a boolean value: 2'],
    ["NOT 'x'", 'Expression will not result in a boolean value'],
    ["'x' IN ('x')", 'Expected a property for In expression'],
    ["a = 1 IN ('x')", 'Expected a property for In expression'],
    ["-a NOT IN ('x')", 'Expected a property for In expression'],
  ])('%j: %s', (expression, message) => {
    expect(compileError(expression)).toContain(message);
  });

  it.each([
    // legal despite looking wrong, exactly as upstream
    ['a NOT BETWEEN 3 AND 1'], // no bound-order check for NOT BETWEEN
    ['a BETWEEN -1 AND -5'], // negated numbers are not literals to the check
    ["'x' = TRUE"],
    ['1 = TRUE'],
    ['a = b'],
    ["a > -'x'"],
    ['a'],
    ['NOT a'],
    ['a AND b OR c'],
    ["'abc' CONTAINS 'b'"],
  ])('%j compiles', (expression) => {
    expect(compileError(expression)).toBeUndefined();
  });
});

describe('upstream stops after the first complete expression', () => {
  // SelectorParser.JmsSelector() has no <EOF>: a token that cannot continue the expression ends it.
  check([
    ['a = 1 b = 2', { a: '1', b: '3' }, 'TRUE'],
    ['a = 1 )', { a: '1' }, 'TRUE'],
    ['a = 007', { a: '0' }, 'TRUE'], // "0" is a whole literal; "07" follows
    ['a = 0L', { a: '0' }, 'TRUE'], // "0" takes no suffix; "L" is an identifier that follows
  ]);

  it('still rejects an unreadable token right after the expression', () => {
    expect(compileError('a = 1 #')).toContain('Lexical error');
  });
});
