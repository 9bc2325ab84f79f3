import {
  asCondition,
  createBetween,
  createComparison,
  createEqual,
  createIn,
  createIsNotNull,
  createIsNull,
  createLogic,
  createNot,
  createNotBetween,
  createNotEqual,
  createStringMatch,
  type Sql92Node,
  type StringMatchOperator,
} from './sql92-ast';
import { errorAt, type SourcePosition } from './sql92-error';
import { Sql92Lexer, type Token, type TokenKind } from './sql92-lexer';
import { javaDouble, javaInteger, javaLong, type SqlValue } from './sql92-values';

/**
 * Recursive descent over SelectorParser.jj's grammar, loosest binding first:
 *
 *   selector    := or                                   (a condition; see asCondition)
 *   or          := and ( OR and )*
 *   and         := equality ( AND equality )*
 *   equality    := comparison ( "=" comparison | "<>" comparison | IS NULL | IS NOT NULL )*
 *   comparison  := unary ( (">"|">="|"<"|"<=") unary
 *                        | [NOT] (CONTAINS|STARTSWITH|ENDSWITH) string
 *                        | [NOT] BETWEEN unary AND unary
 *                        | [NOT] IN "(" string ( "," string )* ")" )*
 *   unary       := "+" unary | "-" unary | NOT unary | primary
 *   primary     := literal | ID | "(" or ")"
 *
 * NOT is unary, so `NOT a = 'x'` is `(NOT a) = 'x'`, as upstream. Like upstream's JmsSelector(), parsing stops
 * after the first complete expression: a token that cannot continue it (`a = 1 b`) ends the expression and the
 * rest is ignored.
 */

const STRING_MATCH: ReadonlySet<TokenKind> = new Set<TokenKind>(['CONTAINS', 'STARTSWITH', 'ENDSWITH']);
const AFTER_NOT: ReadonlySet<TokenKind> = new Set<TokenKind>(['CONTAINS', 'STARTSWITH', 'ENDSWITH', 'BETWEEN', 'IN']);
const INTEGER_MIN = -2147483648n;
const INTEGER_MAX = 2147483647n;
const LONG_MAX = (1n << 63n) - 1n;

export function parseSql92(expression: string): Sql92Node {
  const parser = new Sql92Parser(expression);
  const start = parser.peek();
  return asCondition(parser.or(), start);
}

class Sql92Parser {
  private readonly lexer: Sql92Lexer;
  private readonly lookahead: Token[] = [];

  constructor(expression: string) {
    this.lexer = new Sql92Lexer(expression);
  }

  peek(distance = 0): Token {
    while (this.lookahead.length <= distance) this.lookahead.push(this.lexer.next());
    return this.lookahead[distance];
  }

  private take(): Token {
    const token = this.peek();
    this.lookahead.shift();
    return token;
  }

  private expect(kind: TokenKind, expecting = `"${kind}"`): Token {
    const token = this.peek();
    if (token.kind !== kind) throw unexpected(token, expecting);
    return this.take();
  }

  or(): Sql92Node {
    let left = this.and();
    while (this.peek().kind === 'OR') {
      const operator = this.take();
      left = createLogic('or', left, this.and(), operator);
    }
    return left;
  }

  private and(): Sql92Node {
    let left = this.equality();
    while (this.peek().kind === 'AND') {
      const operator = this.take();
      left = createLogic('and', left, this.equality(), operator);
    }
    return left;
  }

  private equality(): Sql92Node {
    let left = this.comparison();
    for (;;) {
      const operator = this.peek();
      if (operator.kind === '=') {
        this.take();
        left = createEqual(left, this.comparison(), operator);
      } else if (operator.kind === '<>') {
        this.take();
        left = createNotEqual(left, this.comparison(), operator);
      } else if (operator.kind === 'IS') {
        this.take();
        if (this.peek().kind === 'NULL') {
          this.take();
          left = createIsNull(left);
        } else {
          this.expect('NOT', '"NULL" or "NOT NULL"');
          this.expect('NULL');
          left = createIsNotNull(left);
        }
      } else {
        return left;
      }
    }
  }

  private comparison(): Sql92Node {
    let left = this.unary();
    for (;;) {
      const operator = this.peek();
      switch (operator.kind) {
        case '>':
        case '>=':
        case '<':
        case '<=':
          this.take();
          left = createComparison(operator.kind, left, this.unary(), operator);
          break;
        case 'NOT': {
          const negatedKind = this.peek(1).kind;
          if (!AFTER_NOT.has(negatedKind)) {
            throw unexpected(this.peek(1), '"CONTAINS", "STARTSWITH", "ENDSWITH", "BETWEEN" or "IN" after "NOT"');
          }
          this.take();
          left = this.negatable(left, true, operator);
          break;
        }
        case 'CONTAINS':
        case 'STARTSWITH':
        case 'ENDSWITH':
        case 'BETWEEN':
        case 'IN':
          left = this.negatable(left, false, operator);
          break;
        default:
          return left;
      }
    }
  }

  /** The operators that take an optional NOT; the current token is the operator itself. */
  private negatable(left: Sql92Node, negated: boolean, at: SourcePosition): Sql92Node {
    const operator = this.take();
    if (STRING_MATCH.has(operator.kind)) {
      return createStringMatch(operator.kind as StringMatchOperator, left, this.stringLiteral(), negated);
    }
    if (operator.kind === 'BETWEEN') {
      const low = this.unary();
      this.expect('AND');
      const high = this.unary();
      return negated ? createNotBetween(left, low, high, at) : createBetween(left, low, high, at);
    }
    this.expect('(');
    const values = [this.stringLiteral()];
    while (this.peek().kind === ',') {
      this.take();
      values.push(this.stringLiteral());
    }
    this.expect(')', '"," or ")"');
    return createIn(left, values, negated, at);
  }

  private unary(): Sql92Node {
    const token = this.peek();
    switch (token.kind) {
      case '+':
        this.take();
        return this.unary();
      case '-':
        this.take();
        return { kind: 'negate', operand: this.unary() };
      case 'NOT':
        this.take();
        return createNot(this.unary(), token);
      default:
        return this.primary();
    }
  }

  private primary(): Sql92Node {
    const token = this.peek();
    switch (token.kind) {
      case 'ID':
        this.take();
        return { kind: 'property', name: token.image };
      case '(': {
        this.take();
        const inner = this.or();
        this.expect(')');
        return inner;
      }
      case 'STRING':
        return { kind: 'literal', value: this.stringLiteral(), booleanLiteral: false };
      case 'DECIMAL':
      case 'FLOAT':
        this.take();
        return { kind: 'literal', value: numberLiteral(token), booleanLiteral: false };
      case 'TRUE':
      case 'FALSE':
      case 'NULL':
        this.take();
        return { kind: 'literal', value: token.kind === 'NULL' ? null : token.kind === 'TRUE', booleanLiteral: true };
      default:
        throw unexpected(token, 'a literal, a property name, "(", "+", "-" or "NOT"');
    }
  }

  private stringLiteral(): string {
    const token = this.expect('STRING', 'a string literal');
    return token.image.slice(1, -1).replaceAll("''", "'");
  }
}

/**
 * ConstantExpression.createFromDecimal / createFloat: an integer is an Integer when it fits 32 bits, else a Long
 * (beyond 64 bits is an error); a float must lie in [Double.MIN_VALUE, Double.MAX_VALUE], so `0.0` is rejected.
 */
function numberLiteral(token: Token): SqlValue {
  if (token.kind === 'DECIMAL') {
    const digits = token.image.replace(/[lL]$/, '');
    const value = BigInt(digits);
    if (value > LONG_MAX) throw errorAt(token, `For input string: "${digits}": the integer literal exceeds Long.MAX_VALUE`);
    return value >= INTEGER_MIN && value <= INTEGER_MAX ? javaInteger(Number(value)) : javaLong(value);
  }
  const value = Number(token.image);
  if (value > Number.MAX_VALUE) throw errorAt(token, `${token.image} is greater than ${Number.MAX_VALUE}`);
  if (value < Number.MIN_VALUE) throw errorAt(token, `${token.image} is less than ${Number.MIN_VALUE}`);
  return javaDouble(value);
}

function unexpected(token: Token, expecting: string): Error {
  const error = errorAt(token, `Encountered "${token.image}"`);
  error.message += `. Was expecting ${expecting}`;
  return error;
}
