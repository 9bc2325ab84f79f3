import { decodeMessageProperties } from '../../common/message/message-properties';
import { isTagType, SUB_ALL, tagsCodeToInt, type SubscriptionData } from '../../filter/tag-filter';
import type { CompiledSql92 } from '../../filter/sql92-evaluator';
import type { MessageFilter } from '../../store/store-types';

/**
 * The store-facing filter of a pull (Java `ExpressionMessageFilter`), built from the pull's subscription:
 *
 *   TAG `*`   consume queue: match              commit log: match
 *   TAG tags  consume queue: (int)tagsCode ∈ codeSet   commit log: match
 *   SQL92     consume queue: match              commit log: evaluate on the record's properties
 *
 * Retry topics hold messages of every subscribed topic, so an SQL92 filter lets them all through unless
 * filterSupportRetry is on (upstream's ExpressionForRetryMessageFilter).
 *
 * Record layout needed to find the properties without decoding the rest (stored-message-format.ts):
 * BODYLENGTH at 84 (+12 for each IPv6 host), then body, TOPICLENGTH (1 byte), topic, PROPERTIESLENGTH (int16).
 */
const SYSFLAG_OFFSET = 36;
const BORN_V6 = 0x10;
const STORE_V6 = 0x20;

export function readRecordProperties(record: Buffer): Map<string, string> | undefined {
  try {
    const sysFlag = record.readInt32BE(SYSFLAG_OFFSET);
    let position = 84 + (sysFlag & BORN_V6 ? 12 : 0) + (sysFlag & STORE_V6 ? 12 : 0);
    const bodyLength = record.readInt32BE(position);
    position += 4 + bodyLength;
    const topicLength = record.readInt8(position);
    position += 1 + topicLength;
    const propertiesLength = record.readInt16BE(position);
    position += 2;
    if (propertiesLength < 0 || position + propertiesLength > record.length) return undefined;
    return decodeMessageProperties(record.toString('utf8', position, position + propertiesLength));
  } catch {
    return undefined;
  }
}

export interface PullFilterOptions {
  subscription: SubscriptionData;
  compiledSql?: CompiledSql92;
  /** The topic pulled is a retry topic and filterSupportRetry is off. */
  retryTopicPassThrough: boolean;
}

const matchAll = () => true;

export function createPullFilter(options: PullFilterOptions): MessageFilter | undefined {
  const { subscription, compiledSql } = options;
  if (subscription.classFilterMode) return undefined;
  if (isTagType(subscription.expressionType)) {
    if (subscription.subString === SUB_ALL || subscription.codeSet.length === 0) return undefined;
    const codes = new Set(subscription.codeSet);
    return { isMatchedByConsumeQueue: (tagsCode) => tagsCode === undefined || codes.has(tagsCodeToInt(tagsCode)), isMatchedByCommitLog: matchAll };
  }
  if (!compiledSql || options.retryTopicPassThrough) return undefined;
  return {
    isMatchedByConsumeQueue: matchAll,
    isMatchedByCommitLog: (record, properties) => {
      const source = properties ?? readRecordProperties(record);
      return source !== undefined && compiledSql.matches(source);
    },
  };
}

/** Whether a newly arrived message (tag code, properties) wakes a held pull with this filter. */
export function arrivalMatches(filter: MessageFilter | undefined, tagsCode: number | undefined, properties: Map<string, string> | undefined): boolean {
  if (!filter) return true;
  if (!filter.isMatchedByConsumeQueue(tagsCode)) return false;
  if (!properties) return true;
  return filter.isMatchedByCommitLog(Buffer.alloc(0), properties);
}
