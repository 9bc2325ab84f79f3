import { join } from 'node:path';
import { NumberKeyMap, stringifyFastjson, type JsonValue } from '../../common/fastjson';
import { asObject, objectField } from '../../protocol/bodies/json-fields';
import { ConfigFile, decodeNumberTable } from '../../store/config-file';

/**
 * `<storePathRootDir>/config/delayOffset.json` (spec/store.md §10): delivery progress per delay level, the key is
 * the level (1-based, bare integer as fastjson writes it), the value the next consume-queue offset of queue
 * level − 1 of SCHEDULE_TOPIC_XXXX. Also the GET_ALL_DELAY_OFFSET (45) body.
 *
 *   {"offsetTable":{1:3,2:0,3:17}}
 */
export function encodeDelayOffsets(offsets: Map<number, number>): string {
  return stringifyFastjson({ offsetTable: new NumberKeyMap([...offsets].sort(([a], [b]) => a - b)) });
}

/** Reads the parsed file or body; throws when it is not a delay offset table. */
export function decodeDelayOffsets(json: JsonValue, path = 'delayOffset.json'): Map<number, number> {
  return decodeNumberTable(objectField(asObject(json, path), 'offsetTable', path));
}

export function delayOffsetFile(storePathRootDir: string): ConfigFile<Map<number, number>> {
  return new ConfigFile(join(storePathRootDir, 'config', 'delayOffset.json'), {
    decode: (json) => decodeDelayOffsets(json),
    encode: encodeDelayOffsets,
    empty: () => new Map(),
  });
}
