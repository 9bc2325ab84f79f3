import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dataVersionEquals, encodeDataVersion, parseDataVersion } from '../data-version';
import { decodeRegisterBrokerBody, encodeRegisterBrokerBody, type RegisterBrokerBody } from '../register-broker-body';
import {
  decodeTopicConfigText,
  encodeTopicConfigText,
  newTopicConfig,
  permToString,
  PERM_INHERIT,
  PERM_READ,
  PERM_WRITE,
} from '../topic-config';
import { parseTopicConfigWrapper } from '../topic-config-wrapper';

/** Hand-written golden vectors for the REGISTER_BROKER bodies (spec/remoting.md §13.1, §13.3). */
const body: RegisterBrokerBody = {
  topicConfigSerializeWrapper: {
    topicConfigTable: {
      '%RETRY%g1': newTopicConfig('%RETRY%g1', { readQueueNums: 1, writeQueueNums: 1 }),
      TopicA: newTopicConfig('TopicA', { readQueueNums: 4, writeQueueNums: 4, topicSysFlag: 2, order: true }),
    },
    dataVersion: { counter: 2, timestamp: 1700000000123 },
  },
  filterServerList: [],
};

const BODY_JSON =
  '{"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{"counter":2,"timestamp":1700000000123},"topicConfigTable":{' +
  '"%RETRY%g1":{"order":false,"perm":6,"readQueueNums":1,"topicFilterType":"SINGLE_TAG","topicName":"%RETRY%g1","topicSysFlag":0,"writeQueueNums":1},' +
  '"TopicA":{"order":true,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"TopicA","topicSysFlag":2,"writeQueueNums":4}}}}';

/** The inflated compressed form: int32 lengths (big-endian) before each text block, int32 topic count. */
const COMPRESSED_INFLATED = Buffer.concat([
  Buffer.from([0, 0, 0, 0x27]),
  Buffer.from('{"counter":2,"timestamp":1700000000123}'),
  Buffer.from([0, 0, 0, 2]),
  Buffer.from([0, 0, 0, 0x1a]),
  Buffer.from('%RETRY%g1 1 1 6 SINGLE_TAG'),
  Buffer.from([0, 0, 0, 0x17]),
  Buffer.from('TopicA 4 4 6 SINGLE_TAG'),
  Buffer.from([0, 0, 0, 2]),
  Buffer.from('[]'),
]);

describe('RegisterBrokerBody, JSON form', () => {
  it('writes members and table keys sorted, as the golden text', () => {
    expect(encodeRegisterBrokerBody(body).toString()).toBe(BODY_JSON);
  });

  it('reads the golden text and a Java broker body in hash order with 5.x members', () => {
    expect(decodeRegisterBrokerBody(Buffer.from(BODY_JSON))).toEqual(body);
    const java5 =
      '{"topicConfigSerializeWrapper":{"topicConfigTable":{"T":{"topicName":"T","readQueueNums":2,"writeQueueNums":2,"perm":7,' +
      '"topicFilterType":"MULTI_TAG","topicSysFlag":0,"order":false,"attributes":{"message.type":"FIFO"}}},' +
      '"dataVersion":{"timestamp":5,"counter":1,"stateVersion":3},"topicQueueMappingInfoMap":{},"topicQueueMappingDetailMap":{},' +
      '"mappingDataVersion":{"timestamp":5,"counter":0,"stateVersion":0}},"filterServerList":["10.0.0.9:30000"]}';
    expect(decodeRegisterBrokerBody(Buffer.from(java5))).toEqual({
      topicConfigSerializeWrapper: {
        topicConfigTable: {
          T: {
            ...newTopicConfig('T', { readQueueNums: 2, writeQueueNums: 2, perm: 7, topicFilterType: 'MULTI_TAG' }),
            attributes: { 'message.type': 'FIFO' },
          },
        },
        dataVersion: { counter: 1, timestamp: 5, stateVersion: 3 },
      },
      filterServerList: ['10.0.0.9:30000'],
    });
  });

  it('gives missing TopicConfig members their Java defaults and refuses mistyped ones', () => {
    const sparse = parseTopicConfigWrapper('{"topicConfigTable":{"T":{}},"dataVersion":{"counter":1,"timestamp":2}}');
    expect(sparse.topicConfigTable.T).toEqual(newTopicConfig('T'));
    expect(sparse.topicConfigTable.T.readQueueNums).toBe(16);
    expect(() => parseTopicConfigWrapper('{"topicConfigTable":{"T":{"perm":"rw"}}}')).toThrow(
      /topicConfigTable\.T\.perm must be an integer/,
    );
    expect(() => parseTopicConfigWrapper('{"topicConfigTable":{"T":{"topicFilterType":"ANY"}}}')).toThrow(
      /SINGLE_TAG or MULTI_TAG/,
    );
  });
});

describe('RegisterBrokerBody, compressed form', () => {
  it('deflates exactly the golden block layout', () => {
    expect(inflateSync(encodeRegisterBrokerBody(body, true))).toEqual(COMPRESSED_INFLATED);
  });

  it('reads the golden layout; topicSysFlag and order are lost, as upstream', () => {
    const decoded = decodeRegisterBrokerBody(deflateSync(COMPRESSED_INFLATED), true);
    expect(decoded.topicConfigSerializeWrapper.dataVersion).toEqual({ counter: 2, timestamp: 1700000000123 });
    expect(decoded.topicConfigSerializeWrapper.topicConfigTable.TopicA).toEqual(
      newTopicConfig('TopicA', { readQueueNums: 4, writeQueueNums: 4 }),
    );
    expect(decoded.filterServerList).toEqual([]);
  });

  it('reads the 5.x layout: separator after the filter type, attributes JSON, trailing mapping blocks', () => {
    const java5 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x38]),
      Buffer.from('{"counter":2,"stateVersion":0,"timestamp":1700000000123}'),
      Buffer.from([0, 0, 0, 2]),
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('TopicA 4 4 6 SINGLE_TAG '),
      Buffer.from([0, 0, 0, 0x2f]),
      Buffer.from('TopicB 8 8 6 MULTI_TAG {"+message.type":"FIFO"}'),
      Buffer.from([0, 0, 0, 2]),
      Buffer.from('[]'),
      Buffer.from([0, 0, 0, 0]), // 5.x: zero TopicQueueMappingInfo entries
    ]);
    const table = decodeRegisterBrokerBody(deflateSync(java5), true).topicConfigSerializeWrapper.topicConfigTable;
    expect(table.TopicA).toEqual(newTopicConfig('TopicA', { readQueueNums: 4, writeQueueNums: 4 }));
    expect(table.TopicB).toEqual({
      ...newTopicConfig('TopicB', { readQueueNums: 8, writeQueueNums: 8, topicFilterType: 'MULTI_TAG' }),
      attributes: { '+message.type': 'FIFO' },
    });
  });

  it('refuses truncated or non-zlib data with a clear error', () => {
    expect(() => decodeRegisterBrokerBody(deflateSync(COMPRESSED_INFLATED.subarray(0, 50)), true)).toThrow(
      /exceeds the data|ends before/,
    );
    expect(() => decodeRegisterBrokerBody(Buffer.from('not zlib'), true)).toThrow(/compressed RegisterBrokerBody/);
  });
});

describe('TopicConfig and DataVersion', () => {
  it('prints permissions as upstream PermName.perm2String', () => {
    expect(permToString(PERM_READ | PERM_WRITE)).toBe('RW-');
    expect(permToString(PERM_READ)).toBe('R--');
    expect(permToString(PERM_READ | PERM_WRITE | PERM_INHERIT)).toBe('RWX');
    expect(permToString(0)).toBe('---');
  });

  it('writes and reads the one-line text form', () => {
    expect(encodeTopicConfigText(newTopicConfig('T', { readQueueNums: 8, writeQueueNums: 4, perm: 6 }))).toBe(
      'T 8 4 6 SINGLE_TAG',
    );
    expect(decodeTopicConfigText('T 8 4 6 MULTI_TAG')).toEqual(
      newTopicConfig('T', { readQueueNums: 8, writeQueueNums: 4, topicFilterType: 'MULTI_TAG' }),
    );
    expect(() => decodeTopicConfigText('T 8 x 6 SINGLE_TAG')).toThrow(/'x' is not an integer/);
  });

  it('DataVersion both ways and Java equality (timestamp and counter)', () => {
    expect(encodeDataVersion({ counter: 7, timestamp: 1700000000000 }).toString()).toBe(
      '{"counter":7,"timestamp":1700000000000}',
    );
    expect(parseDataVersion('{"timestamp":1700000000000,"counter":7}')).toEqual({
      counter: 7,
      timestamp: 1700000000000,
    });
    expect(dataVersionEquals({ counter: 1, timestamp: 2 }, { counter: 1, timestamp: 2, stateVersion: 0 })).toBe(true);
    expect(dataVersionEquals({ counter: 1, timestamp: 2 }, { counter: 2, timestamp: 2 })).toBe(false);
  });
});
