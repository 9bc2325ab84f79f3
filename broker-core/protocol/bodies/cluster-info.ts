import { stringifyFastjson } from '../../common/fastjson';
import { asStringArray, objectField, parseBodyObject, sortedMap } from './json-fields';
import { brokerDataToJson, decodeBrokerData, type BrokerData } from './topic-route-data';

/**
 * ClusterInfo, the GET_BROKER_CLUSTER_INFO body (spec/remoting.md §13.3):
 *
 *   {"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"},"brokerName":"broker-a",
 *    "cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}
 *
 * Java nameservers always write it fastjson style (bare broker-id keys), whatever the request version; so do we.
 */
export interface ClusterInfo {
  /** broker name -> its BrokerData. */
  brokerAddrTable: Record<string, BrokerData>;
  /** cluster name -> broker names. */
  clusterAddrTable: Record<string, string[]>;
}

export function decodeClusterInfo(body: Buffer | string): ClusterInfo {
  const path = 'ClusterInfo';
  const obj = parseBodyObject(body, path);
  const brokerAddrTable: Record<string, BrokerData> = {};
  for (const [name, data] of Object.entries(objectField(obj, 'brokerAddrTable', path))) {
    brokerAddrTable[name] = decodeBrokerData(data, `${path}.brokerAddrTable.${name}`);
  }
  const clusterAddrTable: Record<string, string[]> = {};
  for (const [cluster, names] of Object.entries(objectField(obj, 'clusterAddrTable', path))) {
    clusterAddrTable[cluster] = asStringArray(names, `${path}.clusterAddrTable.${cluster}`);
  }
  return { brokerAddrTable, clusterAddrTable };
}

export function encodeClusterInfo(info: ClusterInfo): Buffer {
  const json = {
    brokerAddrTable: sortedMap(
      Object.entries(info.brokerAddrTable).map(([name, data]) => [
        name,
        brokerDataToJson(data, { standardJson: false }),
      ]),
    ),
    clusterAddrTable: sortedMap(Object.entries(info.clusterAddrTable)),
  };
  return Buffer.from(stringifyFastjson(json), 'utf8');
}
