import { compileSql92, type CompiledSql92 } from '../../filter/sql92-evaluator';

/**
 * Compiled SQL92 expressions by text. Consumers that post their subscription with every pull (ali-ons does) would
 * otherwise recompile it per pull. Bounded: the oldest entry goes when full. Parse errors are not cached.
 */
export class SqlFilterCache {
  private readonly compiled = new Map<string, CompiledSql92>();

  constructor(private readonly capacity = 1024) {}

  /** Throws Sql92ParseError when the expression does not compile. */
  compile(expression: string): CompiledSql92 {
    const hit = this.compiled.get(expression);
    if (hit) return hit;
    const compiled = compileSql92(expression);
    if (this.compiled.size >= this.capacity) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(expression, compiled);
    return compiled;
  }
}
