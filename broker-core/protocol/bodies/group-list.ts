import { stringifyFastjson } from '../../common/fastjson';
import { parseBodyObject, stringArrayField } from './json-fields';

/**
 * Two string-list bodies:
 *   GroupList         `{"groupList":["G1","G2"]}`            QUERY_TOPIC_CONSUME_BY_WHO (300)
 *   ConsumerListBody  `{"consumerIdList":["10.0.0.5@1"]}`    GET_CONSUMER_LIST_BY_GROUP (38)
 * Java keeps groupList in a HashSet: its order carries no meaning.
 */
export interface GroupList {
  groupList: string[];
}

export function decodeGroupList(body: Buffer | string): GroupList {
  return { groupList: stringArrayField(parseBodyObject(body, 'GroupList'), 'groupList', 'GroupList') };
}

export function encodeGroupList(list: GroupList): Buffer {
  return Buffer.from(stringifyFastjson({ groupList: list.groupList }), 'utf8');
}

export interface ConsumerListBody {
  consumerIdList: string[];
}

export function decodeConsumerListBody(body: Buffer | string): ConsumerListBody {
  return {
    consumerIdList: stringArrayField(parseBodyObject(body, 'ConsumerListBody'), 'consumerIdList', 'ConsumerListBody'),
  };
}

export function encodeConsumerListBody(list: ConsumerListBody): Buffer {
  return Buffer.from(stringifyFastjson({ consumerIdList: list.consumerIdList }), 'utf8');
}
