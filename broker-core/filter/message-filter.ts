import { compileSql92, type CompiledSql92, type PropertySource } from './sql92-evaluator';
import { isTagType, SUB_ALL, tagsCodeToInt, type SubscriptionData } from './tag-filter';

/**
 * The broker's per-pull filter (ExpressionMessageFilter): first a cheap check on the consume-queue unit's tag hash,
 * then, for the units that pass, a check on the message's properties read from the commit log.
 *
 *   TAG       consume queue: `*` or (int)tagsCode ∈ codeSet        commit log: always true
 *   SQL92     consume queue: always true (no bloom filter here)     commit log: the compiled expression
 *   class filter mode: both always true
 */

export interface MessageFilter {
  isMatchedByConsumeQueue(tagsCode: number | bigint): boolean;
  /** `undefined` means the properties could not be read: an SQL92 subscription then does not match. */
  isMatchedByCommitLog(properties: PropertySource | undefined): boolean;
}

const matchesAll = (): boolean => true;

export interface MessageFilterOptions {
  /** The expression compiled at registration time; when absent the subscription's subString is compiled. */
  compiledSql?: CompiledSql92;
}

/** Throws Sql92ParseError when an SQL92 subscription without `compiledSql` does not compile. */
export function createMessageFilter(subscription: SubscriptionData, options: MessageFilterOptions = {}): MessageFilter {
  if (subscription.classFilterMode) {
    return { isMatchedByConsumeQueue: matchesAll, isMatchedByCommitLog: matchesAll };
  }
  if (isTagType(subscription.expressionType)) {
    if (subscription.subString === SUB_ALL) {
      return { isMatchedByConsumeQueue: matchesAll, isMatchedByCommitLog: matchesAll };
    }
    const codes = new Set(subscription.codeSet);
    return {
      isMatchedByConsumeQueue: (tagsCode) => codes.has(tagsCodeToInt(tagsCode)),
      isMatchedByCommitLog: matchesAll,
    };
  }
  const compiled = options.compiledSql ?? compileSql92(subscription.subString);
  return {
    isMatchedByConsumeQueue: matchesAll,
    isMatchedByCommitLog: (properties) => properties !== undefined && compiled.matches(properties),
  };
}
