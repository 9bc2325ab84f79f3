import { stringifyFastjson } from '../../common/fastjson';
import { decodeCompressedRegisterBody, encodeCompressedRegisterBody } from './register-broker-body-format';
import { objectField, parseBodyObject, stringArrayField } from './json-fields';
import {
  decodeTopicConfigWrapper,
  topicConfigWrapperToJson,
  type TopicConfigSerializeWrapper,
} from './topic-config-wrapper';

/**
 * RegisterBrokerBody, the REGISTER_BROKER body of brokers >= 3.0.11 (spec/remoting.md §13.3):
 *
 *   {"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{...},"topicConfigTable":{...}}}
 *
 * or, when the request header says `compressed=true`, the deflated binary form of register-broker-body-format.ts.
 */
export interface RegisterBrokerBody {
  topicConfigSerializeWrapper: TopicConfigSerializeWrapper;
  filterServerList: string[];
}

export function encodeRegisterBrokerBody(body: RegisterBrokerBody, compressed = false): Buffer {
  if (compressed) {
    const wrapper = body.topicConfigSerializeWrapper;
    return encodeCompressedRegisterBody({
      dataVersion: wrapper.dataVersion,
      topicConfigs: Object.values(wrapper.topicConfigTable),
      filterServerList: body.filterServerList,
    });
  }
  return Buffer.from(
    stringifyFastjson({
      filterServerList: body.filterServerList,
      topicConfigSerializeWrapper: topicConfigWrapperToJson(body.topicConfigSerializeWrapper),
    }),
    'utf8',
  );
}

export function decodeRegisterBrokerBody(data: Buffer, compressed = false): RegisterBrokerBody {
  if (compressed) {
    const content = decodeCompressedRegisterBody(data);
    const topicConfigTable = Object.fromEntries(content.topicConfigs.map((config) => [config.topicName, config]));
    return {
      topicConfigSerializeWrapper: { topicConfigTable, dataVersion: content.dataVersion },
      filterServerList: content.filterServerList,
    };
  }
  const obj = parseBodyObject(data, 'RegisterBrokerBody');
  return {
    topicConfigSerializeWrapper: decodeTopicConfigWrapper(
      objectField(obj, 'topicConfigSerializeWrapper', 'RegisterBrokerBody'),
      'RegisterBrokerBody.topicConfigSerializeWrapper',
    ),
    filterServerList: stringArrayField(obj, 'filterServerList', 'RegisterBrokerBody'),
  };
}
