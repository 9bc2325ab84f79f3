import { Sql92ParseError, type SourcePosition } from './sql92-error';

/**
 * Tokens of RocketMQ's SelectorParser.jj (4.9.8 plus the 5.x CONTAINS / STARTSWITH / ENDSWITH keywords):
 *
 *   keywords (any case)  NOT AND OR BETWEEN IN TRUE FALSE NULL IS CONTAINS STARTSWITH ENDSWITH
 *   DECIMAL              "0" | [1-9][0-9]* [lL]?          ("0L" is "0" then the identifier "L", as upstream)
 *   FLOAT                [0-9]+ "." [0-9]* EXP? | "." [0-9]+ EXP? | [0-9]+ EXP      EXP = [eE] [+-]? [0-9]+
 *   STRING               "'" ( "''" | any char but "'" )* "'"
 *   ID                   [a-zA-Z_$] [a-zA-Z0-9_$]*
 *   operators            =  <>  >  >=  <  <=  (  )  ,  +  -
 *   skipped              " \t\n\r\f", "-- ... <newline>", "/* ... *\/"
 *
 * Like JavaCC the longest match wins and a keyword beats an identifier of the same length. A line comment needs
 * its newline: "--x" at the very end is two "-" tokens and an identifier. The lexer is lazy (the parser pulls
 * tokens), so, as upstream, text after a complete expression is only looked at one token deep.
 */

export const KEYWORDS = [
  'NOT', 'AND', 'OR', 'BETWEEN', 'IN', 'TRUE', 'FALSE', 'NULL', 'IS', 'CONTAINS', 'STARTSWITH', 'ENDSWITH',
] as const;
export type Keyword = (typeof KEYWORDS)[number];
export type Operator = '=' | '<>' | '>' | '>=' | '<' | '<=' | '(' | ')' | ',' | '+' | '-';
export type TokenKind = Keyword | Operator | 'DECIMAL' | 'FLOAT' | 'STRING' | 'ID' | 'EOF';

export interface Token extends SourcePosition {
  readonly kind: TokenKind;
  /** The characters as written (for STRING: with quotes and doubled quotes). */
  readonly image: string;
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c);
const isWhitespace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;

export class Sql92Lexer {
  private offset = 0;
  private line = 1;
  private column = 1;

  constructor(private readonly text: string) {}

  next(): Token {
    this.skipIgnored();
    const start: SourcePosition = { line: this.line, column: this.column };
    const text = this.text;
    const i = this.offset;
    if (i >= text.length) return { kind: 'EOF', image: '<EOF>', ...start };
    const c = text.charCodeAt(i);

    if (isIdStart(c)) {
      let end = i + 1;
      while (end < text.length && isIdPart(text.charCodeAt(end))) end++;
      const image = text.slice(i, end);
      const upper = image.toUpperCase();
      return this.take(KEYWORD_SET.has(upper) ? (upper as Keyword) : 'ID', end, start);
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) return this.number(start);
    if (c === 39) return this.string(start);

    const c2 = text.charCodeAt(i + 1);
    switch (c) {
      case 61: return this.take('=', i + 1, start);
      case 60:
        if (c2 === 62) return this.take('<>', i + 2, start);
        if (c2 === 61) return this.take('<=', i + 2, start);
        return this.take('<', i + 1, start);
      case 62: return c2 === 61 ? this.take('>=', i + 2, start) : this.take('>', i + 1, start);
      case 40: return this.take('(', i + 1, start);
      case 41: return this.take(')', i + 1, start);
      case 44: return this.take(',', i + 1, start);
      case 43: return this.take('+', i + 1, start);
      case 45: return this.take('-', i + 1, start);
      default: throw this.lexicalError(start, JSON.stringify(text[i]));
    }
  }

  private number(start: SourcePosition): Token {
    const text = this.text;
    const i = this.offset;
    let end = i;
    while (isDigit(text.charCodeAt(end))) end++;
    if (text.charCodeAt(end) === 46) {
      end++;
      while (isDigit(text.charCodeAt(end))) end++;
      return this.take('FLOAT', this.exponentEnd(end), start);
    }
    const withExponent = this.exponentEnd(end);
    if (withExponent > end) return this.take('FLOAT', withExponent, start);
    if (text.charCodeAt(i) === 48) return this.take('DECIMAL', i + 1, start); // a leading 0 is a whole literal
    const suffix = text.charCodeAt(end);
    return this.take('DECIMAL', suffix === 76 || suffix === 108 ? end + 1 : end, start);
  }

  /** End of `[eE][+-]?[0-9]+` starting at `at`, or `at` when no complete exponent is there. */
  private exponentEnd(at: number): number {
    const text = this.text;
    const e = text.charCodeAt(at);
    if (e !== 69 && e !== 101) return at;
    let end = at + 1;
    const sign = text.charCodeAt(end);
    if (sign === 43 || sign === 45) end++;
    if (!isDigit(text.charCodeAt(end))) return at;
    while (isDigit(text.charCodeAt(end))) end++;
    return end;
  }

  private string(start: SourcePosition): Token {
    const text = this.text;
    let end = this.offset + 1;
    for (;;) {
      const quote = text.indexOf("'", end);
      if (quote < 0) {
        throw this.lexicalError(this.positionAt(text.length), `<EOF> after : ${JSON.stringify(text.slice(this.offset))}`);
      }
      if (text.charCodeAt(quote + 1) !== 39) {
        end = quote + 1;
        break;
      }
      end = quote + 2; // '' is an escaped quote
    }
    return this.take('STRING', end, start);
  }

  private skipIgnored(): void {
    const text = this.text;
    while (this.offset < text.length) {
      const c = text.charCodeAt(this.offset);
      if (isWhitespace(c)) {
        this.advanceTo(this.offset + 1);
      } else if (c === 45 && text.charCodeAt(this.offset + 1) === 45) {
        const end = lineCommentEnd(text, this.offset + 2);
        if (end < 0) return; // unterminated: lexed as "-" tokens, like JavaCC's fallback to the shorter match
        this.advanceTo(end);
      } else if (c === 47 && text.charCodeAt(this.offset + 1) === 42) {
        const close = text.indexOf('*/', this.offset + 2);
        if (close < 0) return; // "/" alone is no token: next() reports it
        this.advanceTo(close + 2);
      } else {
        return;
      }
    }
  }

  private take(kind: TokenKind, end: number, start: SourcePosition): Token {
    const image = this.text.slice(this.offset, end);
    this.advanceTo(end);
    return { kind, image, line: start.line, column: start.column };
  }

  private advanceTo(end: number): void {
    const position = advancePosition(this.text, this.offset, end, { line: this.line, column: this.column });
    this.line = position.line;
    this.column = position.column;
    this.offset = end;
  }

  private positionAt(end: number): SourcePosition {
    return advancePosition(this.text, this.offset, end, { line: this.line, column: this.column });
  }

  private lexicalError(position: SourcePosition, encountered: string): Sql92ParseError {
    return new Sql92ParseError(
      `Lexical error at line ${position.line}, column ${position.column}. Encountered: ${encountered}`,
      position.line,
      position.column,
    );
  }
}

/** The position after text[from, end), counting lines as JavaCC does (\n, \r and \r\n each end one line). */
function advancePosition(text: string, from: number, end: number, position: SourcePosition): SourcePosition {
  let { line, column } = position;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
    } else if (c !== 13) {
      column++;
    }
  }
  return { line, column };
}

/** Offset just past the newline ending a line comment whose body starts at `from`, or -1 if none ends it. */
function lineCommentEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}
