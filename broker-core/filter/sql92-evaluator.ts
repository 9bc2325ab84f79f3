import type { Sql92Node } from './sql92-ast';
import { Sql92EvaluationError, Sql92ParseError } from './sql92-error';
import { parseJavaDouble } from './java-number-parse';
import { parseSql92 } from './sql92-parser';
import { compareJavaDoubles, compareValues, javaEquals, negateValue, type SqlValue } from './sql92-values';

/**
 * Compiles a parsed SQL92 filter into closures, once; evaluating a message is then calls and comparisons only.
 *
 * Semantics follow upstream's expression classes, including their quirks:
 *  - three-valued logic: a missing property is NULL; AND: FALSE wins, else NULL if either is NULL; OR: TRUE
 *    wins, else NULL if either is NULL; NOT NULL is NULL; only TRUE matches;
 *  - `=`: a NULL left side gives NULL, a NULL right side FALSE, both NULL TRUE (so `a = b` holds when both are
 *    missing and `'x' <> a` holds when `a` is missing); otherwise equal objects, else compare after conversion;
 *  - `> >= < <=`: NULL if a side is NULL; two strings are both parsed as Double;
 *  - IN: NULL for a missing property; CONTAINS/STARTSWITH/ENDSWITH and their NOT forms: FALSE unless the left
 *    side is a string, and FALSE for an empty search string;
 *  - any conversion failure throws, which makes the whole message not match (no later OR can rescue it).
 */

export type PropertySource = Map<string, string> | Record<string, string>;

export interface CompiledSql92 {
  readonly expression: string;
  /** True only when the expression evaluates to TRUE; NULL, FALSE and evaluation errors are false. */
  matches(properties: PropertySource): boolean;
}

type Evaluator = (properties: PropertySource) => SqlValue;

const hasOwn = Object.prototype.hasOwnProperty;

function readProperty(properties: PropertySource, name: string): SqlValue {
  const value = properties instanceof Map ? properties.get(name) : hasOwn.call(properties, name) ? properties[name] : undefined;
  return value ?? null;
}

/** What a Java `(Boolean)` cast of a condition's value does. */
function asBoolean(value: SqlValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value;
  throw new Sql92EvaluationError('ClassCastException: value is not a Boolean');
}

function compileNode(node: Sql92Node): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'property': {
      const name = node.name;
      return (properties) => readProperty(properties, name);
    }
    case 'negate': {
      if (node.operand.kind === 'literal') {
        const folded = negateValue(node.operand.value);
        return () => folded;
      }
      const operand = compileNode(node.operand);
      return (properties) => negateValue(operand(properties));
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (properties) => {
        const value = asBoolean(operand(properties));
        return value === null ? null : !value;
      };
    }
    case 'booleanCast': {
      const operand = compileNode(node.operand);
      return (properties) => {
        const value = operand(properties);
        return value === null ? null : value === true;
      };
    }
    case 'and': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (properties) => {
        const l = asBoolean(left(properties));
        if (l === false) return false;
        const r = asBoolean(right(properties));
        if (r === false) return false;
        return l === null || r === null ? null : true;
      };
    }
    case 'or': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (properties) => {
        const l = asBoolean(left(properties));
        if (l === true) return true;
        const r = asBoolean(right(properties));
        if (r === true) return true;
        return l === null || r === null ? null : false;
      };
    }
    case 'equal': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (properties) => {
        const l = left(properties);
        const r = right(properties);
        if (l === null) return r === null ? true : null;
        if (r === null) return false;
        return javaEquals(l, r) || compareValues(l, r) === 0;
      };
    }
    case 'compare':
      return compileComparison(node.operator, compileNode(node.left), compileNode(node.right));
    case 'in': {
      const { property, negated } = node;
      const values = new Set(node.values);
      return (properties) => {
        const value = readProperty(properties, property);
        return typeof value === 'string' ? values.has(value) !== negated : null;
      };
    }
    case 'stringMatch': {
      const { search, negated } = node;
      if (search.length === 0) return () => false;
      const operand = compileNode(node.operand);
      const test =
        node.operator === 'CONTAINS'
          ? (text: string) => text.includes(search)
          : node.operator === 'STARTSWITH'
            ? (text: string) => text.startsWith(search)
            : (text: string) => text.endsWith(search);
      return (properties) => {
        const value = operand(properties);
        return typeof value === 'string' ? test(value) !== negated : false;
      };
    }
  }
}

function compileComparison(operator: '>' | '>=' | '<' | '<=', left: Evaluator, right: Evaluator): Evaluator {
  const holds =
    operator === '>'
      ? (order: number) => order > 0
      : operator === '>='
        ? (order: number) => order >= 0
        : operator === '<'
          ? (order: number) => order < 0
          : (order: number) => order <= 0;
  return (properties) => {
    const l = left(properties);
    if (l === null) return null;
    const r = right(properties);
    if (r === null) return null;
    if (typeof l === 'string' && typeof r === 'string') {
      return holds(compareJavaDoubles(parseJavaDouble(l), parseJavaDouble(r)));
    }
    return holds(compareValues(l, r));
  };
}

export function compileSql92Uncached(expression: string): CompiledSql92 {
  const evaluate = compileNode(parseSql92(expression));
  return {
    expression,
    matches(properties) {
      try {
        return evaluate(properties) === true;
      } catch {
        // Upstream catches Throwable here too: a message the filter cannot judge is simply not delivered.
        return false;
      }
    },
  };
}

/** Upstream keeps the last 100 parse results (successes and failures) in SelectorParser's cache; so do we. */
const CACHE_LIMIT = 100;
const cache = new Map<string, CompiledSql92 | Sql92ParseError>();

/** Parses and compiles (through a small cache); throws Sql92ParseError on a syntax or compile-time error. */
export function compileSql92(expression: string): CompiledSql92 {
  let entry = cache.get(expression);
  if (entry !== undefined) {
    cache.delete(expression); // most recently used goes last
    cache.set(expression, entry);
  } else {
    try {
      entry = compileSql92Uncached(expression);
    } catch (error) {
      if (!(error instanceof Sql92ParseError)) throw error;
      entry = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(expression, entry);
  }
  if (entry instanceof Sql92ParseError) throw entry;
  return entry;
}

/** One-shot evaluation; evaluation errors and NULL are false, parse errors throw Sql92ParseError. */
export function evaluateSql92(expression: string, properties: PropertySource): boolean {
  return compileSql92(expression).matches(properties);
}
