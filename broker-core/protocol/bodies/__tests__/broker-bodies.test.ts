import { describe, expect, it } from 'vitest';
import { buildSubscriptionData } from '../../../filter/tag-filter';
import { decodeBrokerStatsData, encodeBrokerStatsData } from '../broker-stats-data';
import { decodeConsumeStats, decodeConsumeStatsList, encodeConsumeStats, encodeConsumeStatsList } from '../consume-stats';
import { decodeConsumerConnection, decodeProducerConnection, encodeConsumerConnection } from '../consumer-connection';
import { decodeConsumerRunningInfo } from '../consumer-running-info';
import { decodeConsumerOffsetWrapper, encodeConsumerOffsetWrapper } from '../consumer-offset-wrapper';
import { decodeConsumerListBody, decodeGroupList, encodeConsumerListBody, encodeGroupList } from '../group-list';
import { decodeHeartbeatData, encodeHeartbeatData } from '../heartbeat-data';
import { decodeLockBatchRequestBody, decodeLockBatchResponseBody, encodeLockBatchRequestBody, encodeLockBatchResponseBody } from '../lock-batch';
import { decodeMessageQueueKey } from '../message-queue';
import { decodeQueryConsumeTimeSpanBody, encodeQueryConsumeTimeSpanBody } from '../queue-time-span';
import { decodeResetOffsetBody, encodeResetOffsetBody, encodeResetOffsetBodyForC } from '../reset-offset-body';
import { decodeSubscriptionGroupConfig, decodeSubscriptionGroupWrapper, encodeSubscriptionGroupConfig, encodeSubscriptionGroupWrapper } from '../subscription-group-config';
import { decodeTopicStatsTable, encodeTopicStatsTable } from '../topic-stats-table';

/**
 * Golden vectors written by hand in the form fastjson writes (spec/remoting.md §13-§14): members sorted, MessageQueue
 * keys as objects, integer keys bare. Each is decoded and, where we write that form, encoded back byte for byte.
 */
const MQ0 = '{"brokerName":"broker-a","queueId":0,"topic":"T"}';
const MQ1 = '{"brokerName":"broker-a","queueId":1,"topic":"T"}';
const mq = (queueId: number) => ({ topic: 'T', brokerName: 'broker-a', queueId });

describe('MessageQueue-keyed bodies', () => {
  it('TopicStatsTable', () => {
    const text = `{"offsetTable":{${MQ0}:{"lastUpdateTimestamp":1700000000000,"maxOffset":10,"minOffset":0},${MQ1}:{"lastUpdateTimestamp":0,"maxOffset":0,"minOffset":0}}}`;
    const table = {
      offsetTable: [
        { messageQueue: mq(0), value: { minOffset: 0, maxOffset: 10, lastUpdateTimestamp: 1700000000000 } },
        { messageQueue: mq(1), value: { minOffset: 0, maxOffset: 0, lastUpdateTimestamp: 0 } },
      ],
    };
    expect(encodeTopicStatsTable(table).toString()).toBe(text);
    expect(decodeTopicStatsTable(text)).toEqual(table);
    expect(decodeTopicStatsTable(`{"offsetTable":{${MQ0}:{"maxOffset":1,"minOffset":0,"lastUpdateTimestamp":5}},"topicPutTps":0.5}`).topicPutTps).toBe(0.5);
  });

  it('ConsumeStats and ConsumeStatsList', () => {
    const stats = `{"consumeTps":1.5,"offsetTable":{${MQ0}:{"brokerOffset":10,"consumerOffset":7,"lastTimestamp":1700000000000}}}`;
    const decoded = decodeConsumeStats(stats);
    expect(decoded).toEqual({
      consumeTps: 1.5,
      offsetTable: [{ messageQueue: mq(0), value: { brokerOffset: 10, consumerOffset: 7, lastTimestamp: 1700000000000 } }],
    });
    expect(encodeConsumeStats(decoded).toString()).toBe(stats);
    const list = `{"brokerAddr":"10.0.0.1:10911","consumeStatsList":[{"G":[${stats}]}],"totalDiff":3}`;
    expect(encodeConsumeStatsList(decodeConsumeStatsList(list)).toString()).toBe(list);
  });

  it('ResetOffsetBody in both the Java and the CPP form', () => {
    const text = `{"offsetTable":{${MQ0}:42,${MQ1}:7}}`;
    const body = decodeResetOffsetBody(text);
    expect(body.offsetTable).toEqual([
      { messageQueue: mq(0), value: 42 },
      { messageQueue: mq(1), value: 7 },
    ]);
    expect(encodeResetOffsetBody(body).toString()).toBe(text);
    const forC = '{"offsetTable":[{"brokerName":"broker-a","offset":42,"queueId":0,"topic":"T"},{"brokerName":"broker-a","offset":7,"queueId":1,"topic":"T"}]}';
    expect(encodeResetOffsetBodyForC(body).toString()).toBe(forC);
    expect(decodeResetOffsetBody(forC)).toEqual(body);
  });

  it('reads the Java toString key form too', () => {
    expect(decodeMessageQueueKey('MessageQueue [topic=T, brokerName=broker-a, queueId=3]')).toEqual(mq(3));
  });
});

describe('client bodies', () => {
  it('HeartbeatData as ali-ons and Java send it', () => {
    const text =
      '{"clientID":"10.0.0.5@123","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY",' +
      '"groupName":"G","messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[2598919,2598921],' +
      '"expressionType":"TAG","subString":"TagA || TagC","subVersion":1700000000000,"tagsSet":["TagA","TagC"],"topic":"T"}],' +
      '"unitMode":false}],"producerDataSet":[{"groupName":"P"}]}';
    const data = decodeHeartbeatData(text);
    expect(data.consumerDataSet[0].subscriptionDataSet[0]).toEqual(buildSubscriptionData('T', 'TagA || TagC', 'TAG', 1700000000000));
    expect(encodeHeartbeatData(data).toString()).toBe(text);
    // ali-ons leaves out expressionType for tag subscriptions
    const aliOns = decodeHeartbeatData(text.replace('"expressionType":"TAG",', ''));
    expect(aliOns.consumerDataSet[0].subscriptionDataSet[0].expressionType).toBe('TAG');
  });

  it('LockBatch bodies', () => {
    const request = `{"clientId":"c1","consumerGroup":"G","mqSet":[${MQ0}],"onlyThisBroker":false}`;
    expect(encodeLockBatchRequestBody(decodeLockBatchRequestBody(request)).toString()).toBe(request);
    const response = `{"lockOKMQSet":[${MQ0},${MQ1}]}`;
    expect(decodeLockBatchResponseBody(response).lockOKMQSet).toEqual([mq(0), mq(1)]);
    expect(encodeLockBatchResponseBody(decodeLockBatchResponseBody(response)).toString()).toBe(response);
  });

  it('ConsumerConnection', () => {
    const sub = '{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":5,"tagsSet":[],"topic":"T"}';
    const text =
      '{"connectionSet":[{"clientAddr":"10.0.0.5:50000","clientId":"10.0.0.5@1","language":"JAVA","version":409}],' +
      `"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","subscriptionTable":{"T":${sub}}}`;
    expect(encodeConsumerConnection(decodeConsumerConnection(text)).toString()).toBe(text);
  });

  it('names the member when an array member is not an array, and reads absent or null ones as empty', () => {
    expect(() => decodeConsumerConnection('{"connectionSet":{}}')).toThrow('ConsumerConnection.connectionSet must be an array');
    expect(() => decodeProducerConnection('{"connectionSet":{"clientId":"c"}}')).toThrow('ProducerConnection.connectionSet must be an array');
    expect(() => decodeProducerConnection('{"connectionSet":[1]}')).toThrow('ProducerConnection.connectionSet[0] must be a JSON object');
    expect(() => decodeLockBatchRequestBody('{"mqSet":"x"}')).toThrow('LockBatchRequestBody.mqSet must be an array');
    expect(() => decodeLockBatchResponseBody('{"lockOKMQSet":1}')).toThrow('LockBatchResponseBody.lockOKMQSet must be an array');
    expect(() => decodeQueryConsumeTimeSpanBody('{"consumeTimeSpanSet":{}}')).toThrow('QueryConsumeTimeSpanBody.consumeTimeSpanSet must be an array');
    expect(() => decodeConsumeStatsList('{"consumeStatsList":{}}')).toThrow('ConsumeStatsList.consumeStatsList must be an array');
    expect(() => decodeConsumerRunningInfo('{"subscriptionSet":{}}')).toThrow('ConsumerRunningInfo.subscriptionSet must be an array');
    expect(() => decodeHeartbeatData('{"clientID":"c","consumerDataSet":[{"groupName":"G","subscriptionDataSet":[{"topic":"T","codeSet":5}]}]}')).toThrow(
      'HeartbeatData.consumerDataSet[0].subscriptionDataSet[0].codeSet must be an array',
    );
    expect(decodeProducerConnection('{"connectionSet":null}').connectionSet).toEqual([]);
    expect(decodeQueryConsumeTimeSpanBody('{}').consumeTimeSpanSet).toEqual([]);
    expect(decodeConsumerRunningInfo('{"subscriptionSet":null}').subscriptionSet).toEqual([]);
  });

  it('GroupList and ConsumerListBody', () => {
    expect(decodeGroupList('{"groupList":["A","B"]}')).toEqual({ groupList: ['A', 'B'] });
    expect(encodeGroupList({ groupList: ['A'] }).toString()).toBe('{"groupList":["A"]}');
    expect(encodeConsumerListBody({ consumerIdList: ['c1', 'c2'] }).toString()).toBe('{"consumerIdList":["c1","c2"]}');
    expect(decodeConsumerListBody('{"consumerIdList":["c1"]}').consumerIdList).toEqual(['c1']);
  });
});

describe('admin bodies', () => {
  const groupText =
    '{"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":false,"consumeFromMinEnable":true,"groupName":"G",' +
    '"notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}';

  it('SubscriptionGroupConfig keeps 5.x members it does not know', () => {
    const config = decodeSubscriptionGroupConfig(groupText);
    expect(config.consumeEnable).toBe(false);
    expect(encodeSubscriptionGroupConfig(config).toString()).toBe(groupText);
    const java5 = groupText.replace('"groupName":"G",', '"groupName":"G","groupRetryPolicy":{"type":"CUSTOMIZED"},"groupSysFlag":0,');
    expect(encodeSubscriptionGroupConfig(decodeSubscriptionGroupConfig(java5)).toString()).toBe(java5);
  });

  it('SubscriptionGroupWrapper', () => {
    const text = `{"dataVersion":{"counter":2,"timestamp":1700000000000},"subscriptionGroupTable":{"G":${groupText}}}`;
    expect(encodeSubscriptionGroupWrapper(decodeSubscriptionGroupWrapper(text)).toString()).toBe(text);
  });

  it('ConsumerOffsetSerializeWrapper with bare queue-id keys', () => {
    const text = '{"offsetTable":{"%RETRY%G@G":{0:0},"T@G":{0:12,1:7}}}';
    const wrapper = decodeConsumerOffsetWrapper(text);
    expect(wrapper.offsetTable.get('T@G')).toEqual(new Map([[0, 12], [1, 7]]));
    expect(encodeConsumerOffsetWrapper(wrapper).toString()).toBe(text);
    expect(decodeConsumerOffsetWrapper('{"offsetTable":{"T@G":{"0":12}}}').offsetTable.get('T@G')?.get(0)).toBe(12);
  });

  it('QueryConsumeTimeSpanBody and BrokerStatsData', () => {
    const span = `{"consumeTimeSpanSet":[{"consumeTimeStamp":2,"delayTime":0,"maxTimeStamp":3,"messageQueue":${MQ0},"minTimeStamp":1}]}`;
    expect(encodeQueryConsumeTimeSpanBody(decodeQueryConsumeTimeSpanBody(span)).toString()).toBe(span);
    const stats = '{"statsDay":{"avgpt":0,"sum":120,"tps":0.5},"statsHour":{"avgpt":0,"sum":60,"tps":1},"statsMinute":{"avgpt":1.5,"sum":6,"tps":0.1}}';
    const decoded = decodeBrokerStatsData(stats.replace('"avgpt":0,"sum":120', '"avgpt":0.0,"sum":120'));
    expect(decoded.statsMinute).toEqual({ sum: 6, tps: 0.1, avgpt: 1.5 });
    expect(encodeBrokerStatsData(decoded).toString()).toBe(stats);
  });
});
