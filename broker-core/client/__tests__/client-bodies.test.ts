import { describe, expect, it } from 'vitest';
import { decodeConsumeMessageDirectlyResult, encodeConsumeMessageDirectlyResult } from '../../protocol/bodies/consume-message-directly-result';
import { decodeConsumerRunningInfo, encodeConsumerRunningInfo, type ConsumerRunningInfo } from '../../protocol/bodies/consumer-running-info';
import { decodeGetConsumerStatusBody, encodeGetConsumerStatusBody } from '../../protocol/bodies/get-consumer-status-body';

/** The bodies a consumer writes for the broker's admin requests, as a Java peer writes and reads them (fastjson). */
const mqKey = '{"brokerName":"broker-a","queueId":0,"topic":"T"}';

describe('ConsumerRunningInfo', () => {
  // Written the way a Java 4.9 consumer's fastjson writes it: object keys, `droped`, doubles with fractions.
  const java =
    `{"jstack":"","mqTable":{${mqKey}:{"cachedMsgCount":2,"cachedMsgMaxOffset":11,"cachedMsgMinOffset":10,"cachedMsgSizeInMiB":0,` +
    `"commitOffset":10,"droped":false,"lastConsumeTimestamp":1700000000500,"lastLockTimestamp":1700000000000,"lastPullTimestamp":1700000000400,` +
    `"locked":false,"transactionMsgCount":0,"transactionMsgMaxOffset":0,"transactionMsgMinOffset":0,"tryUnlockTimes":0}},` +
    `"properties":{"PROP_CONSUME_TYPE":"CONSUME_PASSIVELY","consumerGroup":"G"},` +
    `"statusTable":{"T":{"consumeFailedMsgs":3,"consumeFailedTPS":0.0,"consumeOKTPS":12.5,"consumeRT":1.5,"pullRT":2.0,"pullTPS":12.5}},` +
    `"subscriptionSet":[{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":1700000000000,"tagsSet":[],"topic":"T"}]}`;

  const expected: ConsumerRunningInfo = {
    jstack: '',
    properties: { PROP_CONSUME_TYPE: 'CONSUME_PASSIVELY', consumerGroup: 'G' },
    subscriptionSet: [{ classFilterMode: false, codeSet: [], expressionType: 'TAG', subString: '*', subVersion: 1700000000000, tagsSet: [], topic: 'T' }],
    mqTable: [
      {
        messageQueue: { topic: 'T', brokerName: 'broker-a', queueId: 0 },
        value: {
          cachedMsgCount: 2,
          cachedMsgMaxOffset: 11,
          cachedMsgMinOffset: 10,
          cachedMsgSizeInMiB: 0,
          commitOffset: 10,
          droped: false,
          lastConsumeTimestamp: 1700000000500,
          lastLockTimestamp: 1700000000000,
          lastPullTimestamp: 1700000000400,
          locked: false,
          transactionMsgCount: 0,
          transactionMsgMaxOffset: 0,
          transactionMsgMinOffset: 0,
          tryUnlockTimes: 0,
        },
      },
    ],
    statusTable: { T: { consumeFailedMsgs: 3, consumeFailedTPS: 0, consumeOKTPS: 12.5, consumeRT: 1.5, pullRT: 2, pullTPS: 12.5 } },
  };

  it('decodes the Java form', () => {
    expect(decodeConsumerRunningInfo(java)).toEqual(expected);
  });

  it('encodes in the same member order and object-key form (doubles without the .0)', () => {
    expect(encodeConsumerRunningInfo(expected).toString()).toBe(java.replace('"consumeFailedTPS":0.0', '"consumeFailedTPS":0').replace('"pullRT":2.0', '"pullRT":2'));
  });
});

describe('ConsumeMessageDirectlyResult', () => {
  const java = '{"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"remark":"ok","spentTimeMills":3}';
  it('round-trips the Java form', () => {
    const decoded = decodeConsumeMessageDirectlyResult(java);
    expect(decoded).toEqual({ autoCommit: true, consumeResult: 'CR_SUCCESS', order: false, remark: 'ok', spentTimeMills: 3 });
    expect(encodeConsumeMessageDirectlyResult(decoded).toString()).toBe(java);
  });
});

describe('GetConsumerStatusBody', () => {
  const java = `{"consumerTable":{"10.0.0.5@1":{${mqKey}:42}},"messageQueueTable":{${mqKey}:42}}`;
  it('round-trips the Java form', () => {
    const decoded = decodeGetConsumerStatusBody(java);
    const entry = { messageQueue: { topic: 'T', brokerName: 'broker-a', queueId: 0 }, value: 42 };
    expect(decoded).toEqual({ messageQueueTable: [entry], consumerTable: { '10.0.0.5@1': [entry] } });
    expect(encodeGetConsumerStatusBody(decoded).toString()).toBe(java);
  });
});
