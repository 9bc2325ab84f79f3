import { compileSql92, type PropertySource } from '..';

export type Outcome = 'TRUE' | 'FALSE' | 'NULL' | 'ERROR';

/**
 * The three-valued result of a condition, observed only through the public `matches`: TRUE matches `e`, FALSE
 * matches `NOT (e)`, NULL matches `(e) IS NULL` (an equality with NULL); an evaluation error matches none of them.
 */
export function outcome(expression: string, properties: PropertySource = {}): Outcome {
  if (compileSql92(expression).matches(properties)) return 'TRUE';
  if (compileSql92(`NOT (${expression})`).matches(properties)) return 'FALSE';
  if (compileSql92(`(${expression}) IS NULL`).matches(properties)) return 'NULL';
  return 'ERROR';
}

/** Runs `compile` and returns the thrown error's message, or undefined when it compiled. */
export function compileError(expression: string): string | undefined {
  try {
    compileSql92(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
