import { asObject, BodyDecodeError, integerField, parseBodyObject, stringField } from '../../protocol/bodies/json-fields';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/**
 * GET_ALL_PRODUCER_INFO (328, RocketMQ 5.x brokers): every producer group connected to the broker with its clients.
 * Brokers before 5.0 answer REQUEST_CODE_NOT_SUPPORTED (thrown as ResponseCodeError). Body (ProducerTableInfo):
 *
 *   {"data":{"PG":[{"clientId":"10.0.0.5@1","remoteIP":"10.0.0.5:50000","language":"JAVA","version":453,
 *                   "lastUpdateTimestamp":1700000000000}]}}
 */
export interface ProducerInfo {
  clientId: string;
  remoteIP: string;
  language: string;
  version: number;
  lastUpdateTimestamp: number;
}

export async function getAllProducerInfo(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<Map<string, ProducerInfo[]>> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_PRODUCER_INFO, {}, timeoutMs);
  return decodeProducerTableInfo(response.body ?? Buffer.alloc(0));
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
