/**
 * Message filters: tag subscriptions (hash on the broker, exact string on the client) and SQL92 property filters.
 * spec/semantics.md §8-§9.
 */
export {
  SUB_ALL,
  buildSubscriptionData,
  isTagType,
  isTagsCodeMatched,
  isTagStringMatched,
  tagsCodeToInt,
  type ExpressionType,
  type SubscriptionData,
} from './tag-filter';
export { compileSql92, evaluateSql92, type CompiledSql92, type PropertySource } from './sql92-evaluator';
export { Sql92ParseError } from './sql92-error';
export { createMessageFilter, type MessageFilter, type MessageFilterOptions } from './message-filter';
