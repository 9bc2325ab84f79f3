import { stringifyFastjson } from '../../common/fastjson';
import { asObject, BodyDecodeError, integerField, parseBodyObject, stringField } from './json-fields';

/**
 * ProducerTableInfo, the body of GET_ALL_PRODUCER_INFO (328, RocketMQ 5.x): every producer group connected to a
 * broker with its clients. fastjson writes ProducerInfo's fields in alphabetical order:
 *
 *   {"data":{"PG":[{"clientId":"10.0.0.5@1","language":"JAVA","lastUpdateTimestamp":1700000000000,
 *                   "remoteIP":"10.0.0.5:50000","version":453}]}}
 */
export interface ProducerInfo {
  clientId: string;
  remoteIP: string;
  /** LanguageCode name. */
  language: string;
  version: number;
  lastUpdateTimestamp: number;
}

export function encodeProducerTableInfo(groups: ReadonlyMap<string, readonly ProducerInfo[]>): Buffer {
  const data: Record<string, Array<Record<string, string | number>>> = {};
  for (const [group, list] of groups) {
    data[group] = list.map((info) => ({
      clientId: info.clientId,
      language: info.language,
      lastUpdateTimestamp: info.lastUpdateTimestamp,
      remoteIP: info.remoteIP,
      version: info.version,
    }));
  }
  return Buffer.from(stringifyFastjson({ data }), 'utf8');
}

export function decodeProducerTableInfo(body: Buffer | string): Map<string, ProducerInfo[]> {
  const path = 'ProducerTableInfo';
  const root = parseBodyObject(body, path);
  const data = root.data === undefined || root.data === null ? {} : asObject(root.data, `${path}.data`);
  const groups = new Map<string, ProducerInfo[]>();
  for (const [group, list] of Object.entries(data)) {
    const listPath = `${path}.data.${group}`;
    if (!Array.isArray(list)) throw new BodyDecodeError(`${listPath} must be an array`);
    groups.set(
      group,
      list.map((item, index) => {
        const itemPath = `${listPath}[${index}]`;
        const obj = asObject(item, itemPath);
        return {
          clientId: stringField(obj, 'clientId', itemPath) ?? '',
          remoteIP: stringField(obj, 'remoteIP', itemPath) ?? '',
          language: stringField(obj, 'language', itemPath) ?? 'JAVA',
          version: integerField(obj, 'version', itemPath, 0),
          lastUpdateTimestamp: integerField(obj, 'lastUpdateTimestamp', itemPath, 0),
        };
      }),
    );
  }
  return groups;
}
