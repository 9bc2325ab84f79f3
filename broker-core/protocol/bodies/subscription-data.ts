import type { JsonValue } from '../../common/fastjson';
import { isTagType, type ExpressionType, type SubscriptionData } from '../../filter/tag-filter';
import { arrayField, asObject, BodyDecodeError, booleanField, integerField, requiredStringField, stringArrayField, stringField, type JsonObject } from './json-fields';

/**
 * SubscriptionData as heartbeats and consumer-connection bodies carry it (spec/remoting.md §13.2):
 *
 *   {"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA","subVersion":1700000000000,
 *    "tagsSet":["TagA"],"topic":"T"}
 *
 * The type lives in broker-core/filter. Older clients omit expressionType (= TAG); Java sets are arrays in any order.
 */
export type { SubscriptionData } from '../../filter/tag-filter';

export function decodeSubscriptionData(value: JsonValue, path = 'SubscriptionData'): SubscriptionData {
  const obj = asObject(value, path);
  const expressionType = stringField(obj, 'expressionType', path);
  const codeSet = arrayField(obj, 'codeSet', path).map((code, index) => {
    if (typeof code !== 'number' || !Number.isInteger(code)) throw new BodyDecodeError(`${path}.codeSet[${index}] must be an integer`);
    return code;
  });
  return {
    classFilterMode: booleanField(obj, 'classFilterMode', path, false),
    topic: requiredStringField(obj, 'topic', path),
    subString: stringField(obj, 'subString', path) ?? '*',
    tagsSet: stringArrayField(obj, 'tagsSet', path),
    codeSet,
    subVersion: integerField(obj, 'subVersion', path, 0),
    expressionType: (isTagType(expressionType) ? 'TAG' : expressionType) as ExpressionType,
  };
}

/** The members in fastjson's (alphabetical) order. */
export function subscriptionDataToJson(data: SubscriptionData): JsonObject {
  return {
    classFilterMode: data.classFilterMode,
    codeSet: data.codeSet,
    expressionType: data.expressionType,
    subString: data.subString,
    subVersion: data.subVersion,
    tagsSet: data.tagsSet,
    topic: data.topic,
  };
}
