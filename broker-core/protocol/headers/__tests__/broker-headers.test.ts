import { describe, expect, it } from 'vitest';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { PullMessageRequestHeader, PullSysFlag, buildPullSysFlag } from '../pull-message';
import { ResetOffsetRequestHeader } from '../reset-offset';
import { sendHeaderFromV2, sendHeaderToV2, SendMessageRequestHeader, SendMessageRequestHeaderV2 } from '../send-message';

/** Header codecs against extFields written by hand the way Java (and ali-ons, via string coercion) send them. */
describe('SendMessageRequestHeaderV2', () => {
  const wire = {
    a: 'PG',
    b: 'TopicA',
    c: 'TBW102',
    d: '4',
    e: '0',
    f: '0',
    g: '1700000000000',
    h: '0',
    i: 'UNIQ_KEY\u0001ABC\u0002WAIT\u0001true\u0002TAGS\u0001tagA\u0002',
    j: '0',
    k: 'false',
    m: 'false',
    n: 'broker-a',
  };

  it('decodes the one-letter keys and converts to V1 and back', () => {
    const v2 = SendMessageRequestHeaderV2.decode(wire);
    const v1 = sendHeaderFromV2(v2);
    expect(v1).toEqual({
      producerGroup: 'PG',
      topic: 'TopicA',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 0,
      sysFlag: 0,
      bornTimestamp: 1700000000000,
      flag: 0,
      properties: wire.i,
      reconsumeTimes: 0,
      unitMode: false,
      maxReconsumeTimes: undefined,
      batch: false,
      bname: 'broker-a',
    });
    expect(SendMessageRequestHeaderV2.encode(sendHeaderToV2(v1))).toEqual(wire);
    expect(SendMessageRequestHeader.encode(v1)).toEqual({
      producerGroup: 'PG',
      topic: 'TopicA',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: '4',
      queueId: '0',
      sysFlag: '0',
      bornTimestamp: '1700000000000',
      flag: '0',
      properties: wire.i,
      reconsumeTimes: '0',
      unitMode: 'false',
      batch: 'false',
      bname: 'broker-a',
    });
  });

  it('refuses a header without the topic', () => {
    const { b: _topic, ...rest } = wire;
    expect(() => SendMessageRequestHeaderV2.decode(rest)).toThrow(ResponseCodeError);
  });
});

describe('PullMessageRequestHeader', () => {
  it('reads what a push consumer sends and the sysflag bits', () => {
    const header = PullMessageRequestHeader.decode({
      consumerGroup: 'G',
      topic: 'T',
      queueId: '3',
      queueOffset: '42',
      maxMsgNums: '32',
      sysFlag: '3',
      commitOffset: '40',
      suspendTimeoutMillis: '15000',
      subVersion: '1700000000000',
      expressionType: 'TAG',
    });
    expect(header.sysFlag & PullSysFlag.COMMIT_OFFSET).toBe(1);
    expect(header.sysFlag & PullSysFlag.SUBSCRIPTION).toBe(0);
    expect(header.subscription).toBeUndefined();
    expect(buildPullSysFlag(true, true, false)).toBe(3);
    expect(buildPullSysFlag(false, true, true, true)).toBe(0xe);
  });
});

describe('ResetOffsetRequestHeader', () => {
  it('uses the Java field name isForce as the key', () => {
    expect(ResetOffsetRequestHeader.encode({ topic: 'T', group: 'G', timestamp: -1, isForce: true })).toEqual({
      topic: 'T',
      group: 'G',
      timestamp: '-1',
      isForce: 'true',
    });
  });
});
