/**
 * Errors of the SQL92 property filter.
 *
 * A parse or compile error is what upstream wraps in MQFilterException("Invalid MessageSelector. ") and the broker
 * answers with SUBSCRIPTION_PARSE_FAILED. An evaluation error (a property that does not parse as the literal's type,
 * a Boolean compared with a string) only ever means "this message does not match"; it never leaves the filter.
 */

export class Sql92ParseError extends Error {
  override readonly name = 'Sql92ParseError';

  constructor(
    message: string,
    /** 1-based position of the offending token in the expression. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Java's NumberFormatException / ClassCastException during evaluation; caught by `matches`. */
export class Sql92EvaluationError extends Error {
  override readonly name = 'Sql92EvaluationError';
}

/** Where a token starts, for error messages. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export function errorAt(position: SourcePosition, message: string): Sql92ParseError {
  const what = message.endsWith('.') ? message.slice(0, -1) : message;
  return new Sql92ParseError(`${what} at line ${position.line}, column ${position.column}`, position.line, position.column);
}
