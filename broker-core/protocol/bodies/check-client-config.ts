import { stringifyFastjson } from '../../common/fastjson';
import { objectField, parseBodyObject, stringField } from './json-fields';
import { decodeSubscriptionData, subscriptionDataToJson, type SubscriptionData } from './subscription-data';

/**
 * CheckClientRequestBody, the CHECK_CLIENT_CONFIG (46) body a consumer sends at start for every non-TAG
 * subscription (semantics.md §9): `{"clientId":"...","group":"G","subscriptionData":{...}}`.
 * The broker answers SUCCESS, SYSTEM_ERROR (property filter disabled) or SUBSCRIPTION_PARSE_FAILED.
 */
export interface CheckClientRequestBody {
  clientId?: string;
  group?: string;
  subscriptionData: SubscriptionData;
}

export function decodeCheckClientRequestBody(body: Buffer | string): CheckClientRequestBody {
  const path = 'CheckClientRequestBody';
  const obj = parseBodyObject(body, path);
  return {
    clientId: stringField(obj, 'clientId', path),
    group: stringField(obj, 'group', path),
    subscriptionData: decodeSubscriptionData(objectField(obj, 'subscriptionData', path), `${path}.subscriptionData`),
  };
}

export function encodeCheckClientRequestBody(body: CheckClientRequestBody): Buffer {
  return Buffer.from(
    stringifyFastjson({ clientId: body.clientId, group: body.group, subscriptionData: subscriptionDataToJson(body.subscriptionData) }),
    'utf8',
  );
}
