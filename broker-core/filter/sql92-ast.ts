import { errorAt, type SourcePosition } from './sql92-error';
import { compareValues, formatValue, type SqlValue } from './sql92-values';

/**
 * The syntax tree of a SQL92 filter and the node constructors, which make upstream's compile-time checks
 * (ComparisonExpression.create*, SelectorParser.asBooleanExpression) so errors come in upstream's order.
 *
 * Upstream distinguishes "boolean expressions" (comparisons, logic, NOT, IN, the TRUE/FALSE/NULL literals) from
 * plain values (properties, string and number literals, unary minus): only the former may be operands of AND, OR
 * and NOT (a bare property is wrapped in a boolean cast), and they may not be operands of > >= < <=.
 */

export type ComparisonOperator = '>' | '>=' | '<' | '<=';
export type StringMatchOperator = 'CONTAINS' | 'STARTSWITH' | 'ENDSWITH';

export type Sql92Node =
  /** `booleanLiteral`: TRUE, FALSE or NULL (upstream's BooleanConstantExpression). */
  | { readonly kind: 'literal'; readonly value: SqlValue; readonly booleanLiteral: boolean }
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: Sql92Node }
  | { readonly kind: 'not'; readonly operand: Sql92Node }
  /** A bare property used as a condition: NULL if missing, else FALSE (a string is never a Boolean). */
  | { readonly kind: 'booleanCast'; readonly operand: Sql92Node }
  | { readonly kind: 'and' | 'or'; readonly left: Sql92Node; readonly right: Sql92Node }
  /** `=`; also IS NULL, which is `= NULL` without the NULL-operand check. */
  | { readonly kind: 'equal'; readonly left: Sql92Node; readonly right: Sql92Node }
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: Sql92Node; readonly right: Sql92Node }
  | { readonly kind: 'in'; readonly property: string; readonly values: readonly string[]; readonly negated: boolean }
  | {
      readonly kind: 'stringMatch';
      readonly operator: StringMatchOperator;
      readonly negated: boolean;
      readonly operand: Sql92Node;
      readonly search: string;
    };

const NULL_LITERAL: Sql92Node = { kind: 'literal', value: null, booleanLiteral: true };

export function isBooleanExpression(node: Sql92Node): boolean {
  switch (node.kind) {
    case 'literal':
      return node.booleanLiteral;
    case 'property':
    case 'negate':
      return false;
    default:
      return true;
  }
}

/** Upstream's toString, for error messages. */
export function describe(node: Sql92Node): string {
  switch (node.kind) {
    case 'literal': return formatValue(node.value);
    case 'property': return node.name;
    case 'negate': return `(- ${describe(node.operand)})`;
    case 'not': return `(NOT ${describe(node.operand)})`;
    case 'booleanCast': return describe(node.operand);
    case 'and': return `(${describe(node.left)} && ${describe(node.right)})`;
    case 'or': return `(${describe(node.left)} || ${describe(node.right)})`;
    case 'equal': return `(${describe(node.left)} == ${describe(node.right)})`;
    case 'compare': return `(${describe(node.left)} ${node.operator} ${describe(node.right)})`;
    case 'in': return `${node.property} ${node.negated ? 'NOT IN' : 'IN'} ( ${node.values.map((v) => formatValue(v)).join(', ')} )`;
    case 'stringMatch': return `(${node.negated ? 'NOT ' : ''}${node.operator} ${describe(node.operand)})`;
  }
}

/** asBooleanExpression: conditions pass, a property becomes a boolean cast, anything else is an error. */
export function asCondition(node: Sql92Node, at: SourcePosition): Sql92Node {
  if (isBooleanExpression(node)) return node;
  if (node.kind === 'property') return { kind: 'booleanCast', operand: node };
  throw errorAt(at, `Expression will not result in a boolean value: ${describe(node)}`);
}

export function createLogic(kind: 'and' | 'or', left: Sql92Node, right: Sql92Node, at: SourcePosition): Sql92Node {
  return { kind, left: asCondition(left, at), right: asCondition(right, at) };
}

export function createNot(operand: Sql92Node, at: SourcePosition): Sql92Node {
  return { kind: 'not', operand: asCondition(operand, at) };
}

/** `=`: the NULL literal cannot be compared, and TRUE/FALSE on the left of another literal must meet a Boolean. */
export function createEqual(left: Sql92Node, right: Sql92Node, at: SourcePosition): Sql92Node {
  for (const operand of [left, right]) {
    if (operand.kind === 'literal' && operand.value === null) throw errorAt(at, `'${describe(operand)}' cannot be compared.`);
  }
  if (left.kind === 'literal' && right.kind === 'literal' && left.booleanLiteral && !right.booleanLiteral) {
    throw errorAt(at, `'${describe(left)}' cannot be compared with '${describe(right)}'`);
  }
  return { kind: 'equal', left, right };
}

export const createNotEqual = (left: Sql92Node, right: Sql92Node, at: SourcePosition): Sql92Node =>
  ({ kind: 'not', operand: createEqual(left, right, at) });

export const createIsNull = (operand: Sql92Node): Sql92Node => ({ kind: 'equal', left: operand, right: NULL_LITERAL });

export const createIsNotNull = (operand: Sql92Node): Sql92Node => ({ kind: 'not', operand: createIsNull(operand) });

/** checkLessThanOperand: only number literals and non-boolean expressions may be ordered. */
function checkOrderable(operand: Sql92Node, at: SourcePosition): void {
  const isNumberLiteral = operand.kind === 'literal' && operand.value !== null && typeof operand.value === 'object';
  if (isNumberLiteral) return;
  if (operand.kind === 'literal' || isBooleanExpression(operand)) {
    throw errorAt(at, `Value '${describe(operand)}' cannot be compared.`);
  }
}

export function createComparison(operator: ComparisonOperator, left: Sql92Node, right: Sql92Node, at: SourcePosition): Sql92Node {
  checkOrderable(left, at);
  checkOrderable(right, at);
  return { kind: 'compare', operator, left, right };
}

/** `x BETWEEN a AND b` is `x >= a AND x <= b`; literal bounds must not be null and must satisfy a <= b. */
export function createBetween(value: Sql92Node, low: Sql92Node, high: Sql92Node, at: SourcePosition): Sql92Node {
  if (low.kind === 'literal' && high.kind === 'literal') {
    if (low.value === null || high.value === null) throw errorAt(at, 'Illegal values of between, values can not be null!');
    let order: number;
    try {
      order = compareValues(high.value, low.value);
    } catch (error) {
      throw errorAt(at, `Illegal values of between: ${(error as Error).message}`);
    }
    if (order < 0) {
      throw errorAt(
        at,
        `Illegal values of between, left value(${describe(low)}) must less than or equal to right value(${describe(high)})`,
      );
    }
  }
  return createLogic('and', createComparison('>=', value, low, at), createComparison('<=', value, high, at), at);
}

/** `x NOT BETWEEN a AND b` is `x < a OR x > b` (upstream checks no bound order here). */
export const createNotBetween = (value: Sql92Node, low: Sql92Node, high: Sql92Node, at: SourcePosition): Sql92Node =>
  createLogic('or', createComparison('<', value, low, at), createComparison('>', value, high, at), at);

export function createIn(left: Sql92Node, values: string[], negated: boolean, at: SourcePosition): Sql92Node {
  if (left.kind !== 'property') throw errorAt(at, `Expected a property for In expression, got: ${describe(left)}`);
  return { kind: 'in', property: left.name, values, negated };
}

export const createStringMatch = (
  operator: StringMatchOperator,
  operand: Sql92Node,
  search: string,
  negated: boolean,
): Sql92Node => ({ kind: 'stringMatch', operator, negated, operand, search });
