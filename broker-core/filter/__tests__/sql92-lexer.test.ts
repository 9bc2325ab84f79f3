import { describe, expect, it } from 'vitest';
import { Sql92ParseError } from '../sql92-error';
import { Sql92Lexer, type TokenKind } from '../sql92-lexer';

function tokens(text: string): string[] {
  const lexer = new Sql92Lexer(text);
  const out: string[] = [];
  for (;;) {
    const token = lexer.next();
    if (token.kind === 'EOF') return out;
    out.push(`${token.kind}:${token.image}`);
  }
}

describe('Sql92Lexer', () => {
  it.each<[string, string[]]>([
    ['a=1', ['ID:a', '=:=', 'DECIMAL:1']],
    ['a<>b', ['ID:a', '<>:<>', 'ID:b']],
    ['<= >= < > ( ) , + -', ['<=:<=', '>=:>=', '<:<', '>:>', '(:(', '):)', ',:,', '+:+', '-:-']],
    ['not And OR between In true FALSE null Is', ['NOT:not', 'AND:And', 'OR:OR', 'BETWEEN:between', 'IN:In', 'TRUE:true', 'FALSE:FALSE', 'NULL:null', 'IS:Is']],
    ['contains StartsWith ENDSWITH', ['CONTAINS:contains', 'STARTSWITH:StartsWith', 'ENDSWITH:ENDSWITH']],
    ['nots NOT_ $in in2', ['ID:nots', 'ID:NOT_', 'ID:$in', 'ID:in2']],
    ['12 12L 12l 0 2147483648', ['DECIMAL:12', 'DECIMAL:12L', 'DECIMAL:12l', 'DECIMAL:0', 'DECIMAL:2147483648']],
    ['007', ['DECIMAL:0', 'DECIMAL:0', 'DECIMAL:7']],
    ['0L', ['DECIMAL:0', 'ID:L']],
    ['1.5 1. .5 1e5 1E+5 1.5e-3 0.0 007.5', ['FLOAT:1.5', 'FLOAT:1.', 'FLOAT:.5', 'FLOAT:1e5', 'FLOAT:1E+5', 'FLOAT:1.5e-3', 'FLOAT:0.0', 'FLOAT:007.5']],
    ['1e 1e+', ['DECIMAL:1', 'ID:e', 'DECIMAL:1', 'ID:e', '+:+']],
    ['1.5.5', ['FLOAT:1.5', 'FLOAT:.5']],
    ["'a''b' ''", ["STRING:'a''b'", "STRING:''"]],
    ['a -- comment\nb', ['ID:a', 'ID:b']],
    ['a --x', ['ID:a', '-:-', '-:-', 'ID:x']],
    ['a /* x */ b /**/ c /***/ d', ['ID:a', 'ID:b', 'ID:c', 'ID:d']],
    ['\t\r\n\f a', ['ID:a']],
  ])('%j', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });

  it('reports token positions, counting \\r\\n as one line break', () => {
    const lexer = new Sql92Lexer("a\r\n  'x'\r b");
    const positions: [TokenKind, number, number][] = [];
    for (let token = lexer.next(); token.kind !== 'EOF'; token = lexer.next()) positions.push([token.kind, token.line, token.column]);
    expect(positions).toEqual([
      ['ID', 1, 1],
      ['STRING', 2, 3],
      ['ID', 3, 2],
    ]);
  });

  it.each([['#'], ['"x"'], ['.'], ['/'], ['/* open'], ["'open"], ['a.b'], ['é']])('%j is a lexical error', (text) => {
    expect(() => tokens(text)).toThrow(Sql92ParseError);
  });
});
