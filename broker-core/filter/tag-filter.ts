import { javaStringHashCode } from '../common/java-hash';

/**
 * Tag subscriptions (spec/semantics.md §8, message-format.md §9.5), as FilterAPI.buildSubscriptionData builds them
 * and as the two filters use them: the broker compares the consume-queue unit's tag hash with `codeSet`, the client
 * then drops messages whose TAGS string is not exactly in `tagsSet` (hash collisions, "a||b"-style tags).
 */

export const SUB_ALL = '*';

export type ExpressionType = 'TAG' | 'SQL92';

/** SubscriptionData as it travels in heartbeats (remoting.md §13.2) and consumer-connection bodies. */
export interface SubscriptionData {
  classFilterMode: boolean;
  topic: string;
  /** `*` for all, `tagA || tagB` for tags, or the SQL92 expression. */
  subString: string;
  tagsSet: string[];
  /** Java String.hashCode of the tags, as a set (tags whose hashes collide share one code). */
  codeSet: number[];
  /** Java builds it from System.currentTimeMillis(); a newer version replaces an older registration. */
  subVersion: number;
  expressionType: ExpressionType;
}

/** ExpressionType.isTagType: absent, empty and "TAG" all mean tags (older clients send none). */
export function isTagType(expressionType: string | null | undefined): boolean {
  return expressionType === undefined || expressionType === null || expressionType === '' || expressionType === 'TAG';
}

/** String.trim(): strips chars <= U+0020 only (unlike JavaScript's trim, which also strips NBSP and friends). */
function javaTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 32) start++;
  while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  return value.slice(start, end);
}

/**
 * FilterAPI.build: TAG ⇒ `*`, empty or absent subscribes to all (subString becomes `*`, empty sets); otherwise
 * split on `||`, trim, drop empties and de-duplicate. SQL92 ⇒ the expression is kept as is (it must not be empty);
 * it is compiled by the broker, not here.
 */
export function buildSubscriptionData(
  topic: string,
  subString: string | null | undefined,
  expressionType: ExpressionType = 'TAG',
  subVersion: number = Date.now(),
): SubscriptionData {
  const subscription: SubscriptionData = {
    classFilterMode: false,
    topic,
    subString: subString ?? SUB_ALL,
    tagsSet: [],
    codeSet: [],
    subVersion,
    expressionType,
  };
  if (!isTagType(expressionType)) {
    if (!subString) throw new Error(`Expression can't be null! ${expressionType}`);
    return subscription;
  }
  if (!subString || subString === SUB_ALL) {
    subscription.subString = SUB_ALL;
    return subscription;
  }
  const parts = subString.split('||');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's split drops trailing empties
  if (parts.length === 0) throw new Error('subString split error');
  for (const part of parts) {
    const tag = javaTrim(part);
    if (tag.length === 0 || subscription.tagsSet.includes(tag)) continue;
    subscription.tagsSet.push(tag);
    const code = javaStringHashCode(tag);
    if (!subscription.codeSet.includes(code)) subscription.codeSet.push(code);
  }
  return subscription;
}

/** Long.intValue(): the low 32 bits, signed (consume-queue units store the tag hash widened to a long). */
export function tagsCodeToInt(tagsCode: number | bigint): number {
  return typeof tagsCode === 'bigint' ? Number(BigInt.asIntN(32, tagsCode)) : tagsCode | 0;
}

/**
 * The broker's consume-queue check: subString `*` matches everything, else `(int)tagsCode ∈ codeSet`. A message
 * without tags has tagsCode 0 and so only matches `*` (or a tag whose hash is 0).
 */
export function isTagsCodeMatched(tagsCode: number | bigint, subscription: SubscriptionData): boolean {
  if (subscription.subString === SUB_ALL) return true;
  return subscription.codeSet.includes(tagsCodeToInt(tagsCode));
}

/**
 * The client's second check after a pull (PullAPIWrapper.processPullResult): with no tags subscribed (`*`, SQL92)
 * or class-filter mode every message passes; otherwise the message's TAGS must be one of tagsSet exactly, and a
 * message without tags is dropped.
 */
export function isTagStringMatched(tags: string | null | undefined, subscription: SubscriptionData): boolean {
  if (subscription.tagsSet.length === 0 || subscription.classFilterMode) return true;
  return tags !== undefined && tags !== null && subscription.tagsSet.includes(tags);
}
