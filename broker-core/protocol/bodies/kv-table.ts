import { stringifyFastjson } from '../../common/fastjson';
import { parseBodyObject, sortedMap, stringMapField } from './json-fields';

/**
 * KVTable (spec/remoting.md §13.3): `{"table":{"key":"value"}}`. The body of GET_KVLIST_BY_NAMESPACE, of the
 * REGISTER_BROKER answer (namespace ORDER_TOPIC_CONFIG) and of GET_BROKER_RUNTIME_INFO.
 */
export interface KVTable {
  table: Record<string, string>;
}

export function decodeKVTable(body: Buffer | string): KVTable {
  return { table: stringMapField(parseBodyObject(body, 'KVTable'), 'table', 'KVTable') };
}

export function encodeKVTable(kv: KVTable): Buffer {
  return Buffer.from(stringifyFastjson({ table: sortedMap(Object.entries(kv.table)) }), 'utf8');
}
