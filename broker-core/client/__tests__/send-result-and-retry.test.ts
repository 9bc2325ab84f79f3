import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBatchMessages } from '../../common/message/batch-format';
import { decodeMessageProperties } from '../../common/message/message-properties';
import { ResponseCode } from '../../protocol/response-code';
import { createResponse, createRequest } from '../../remoting/remoting-command';
import { RemotingConnectError, RemotingTimeoutError, ResponseCodeError } from '../../remoting/remoting-error';
import { MQClientError } from '../client-error';
import { toOutgoingMessage } from '../producer/message';
import { prepareBatch, prepareMessage, sendHeaderFor } from '../producer/prepared-message';
import { javaHashCode, selectMessageQueueByHash } from '../producer/queue-selector';
import { sendResultFromResponse, sendStatusOf } from '../producer/send-result';
import { isRetryableSendError, RETRY_RESPONSE_CODES } from '../producer/send-retry-policy';

const target = { topic: 'T', brokerName: 'broker-a', brokerAddr: '10.0.0.1:10911' };
const answer = (code: number, extFields: Record<string, string>, remark?: string) =>
  createResponse(createRequest(310), code, { extFields, remark });
const okFields = { msgId: '0A00000100002A9F00000000000001F4', queueId: '3', queueOffset: '41', MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' };

describe('SendResult from a send answer', () => {
  it('maps SUCCESS and the three "stored on master" codes to a status', () => {
    expect(sendStatusOf(0)).toBe('SEND_OK');
    expect(sendStatusOf(10)).toBe('FLUSH_DISK_TIMEOUT');
    expect(sendStatusOf(12)).toBe('FLUSH_SLAVE_TIMEOUT');
    expect(sendStatusOf(11)).toBe('SLAVE_NOT_AVAILABLE');
    expect(sendStatusOf(1)).toBeUndefined();
  });

  it('fills msgId (UNIQ_KEY), offsetMsgId, queue and offset', () => {
    const result = sendResultFromResponse(answer(0, { ...okFields, transactionId: 'U1' }), target, 'UNIQ1');
    expect(result).toEqual({
      sendStatus: 'SEND_OK',
      msgId: 'UNIQ1',
      offsetMsgId: '0A00000100002A9F00000000000001F4',
      messageQueue: { topic: 'T', brokerName: 'broker-a', queueId: 3 },
      queueOffset: 41,
      transactionId: 'U1',
      regionId: 'DefaultRegion',
      traceOn: true,
    });
  });

  it('keeps FLUSH_DISK_TIMEOUT as a status, defaults the region, reads TRACE_ON=false', () => {
    const result = sendResultFromResponse(answer(10, { msgId: 'X', queueId: '0', queueOffset: '0', TRACE_ON: 'false' }), target, 'U');
    expect(result.sendStatus).toBe('FLUSH_DISK_TIMEOUT');
    expect(result.regionId).toBe('DefaultRegion');
    expect(result.traceOn).toBe(false);
  });

  it('throws the broker code and remark for any other code', () => {
    const error = (() => {
      try {
        sendResultFromResponse(answer(ResponseCode.MESSAGE_ILLEGAL, {}, 'the message is illegal'), target, 'U');
      } catch (caught) {
        return caught;
      }
    })() as ResponseCodeError;
    expect(error).toBeInstanceOf(ResponseCodeError);
    expect(error.code).toBe(13);
    expect(error.message).toContain('10.0.0.1:10911');
    expect(error.message).toContain('the message is illegal');
  });
});

describe('send retry policy', () => {
  it('retries the codes upstream retries and nothing else', () => {
    expect([...RETRY_RESPONSE_CODES].sort((a, b) => a - b)).toEqual([1, 14, 16, 17, 204, 205]);
    for (const code of [1, 14, 16, 17, 204, 205]) expect(isRetryableSendError(new ResponseCodeError(code, ''))).toBe(true);
    for (const code of [2, 13, 15, 23, 29]) expect(isRetryableSendError(new ResponseCodeError(code, ''))).toBe(false);
  });

  it('retries transport and client-side failures', () => {
    expect(isRetryableSendError(new RemotingConnectError('refused'))).toBe(true);
    expect(isRetryableSendError(new RemotingTimeoutError('slow'))).toBe(true);
    expect(isRetryableSendError(new MQClientError('The broker[b] not exist'))).toBe(true);
    expect(isRetryableSendError(new Error('bug'))).toBe(false);
  });
});

const prepareOptions = { maxMessageSize: 4 * 1024 * 1024, compressOverBytes: 4096, compressLevel: 5 };

describe('message preparation', () => {
  it('adds UNIQ_KEY, WAIT, TAGS, KEYS, DELAY and user properties', () => {
    const prepared = prepareMessage(
      toOutgoingMessage({ topic: 'T', body: 'hello', tags: 'TagA', keys: ['k1', 'k2'], delayTimeLevel: 3, properties: { color: 'red' } }),
      prepareOptions,
    );
    const properties = decodeMessageProperties(prepared.properties);
    expect(properties.get('TAGS')).toBe('TagA');
    expect(properties.get('KEYS')).toBe('k1 k2');
    expect(properties.get('DELAY')).toBe('3');
    expect(properties.get('WAIT')).toBe('true');
    expect(properties.get('color')).toBe('red');
    expect(properties.get('UNIQ_KEY')).toBe(prepared.uniqMsgId);
    expect(prepared.uniqMsgId).toMatch(/^[0-9A-F]{32}$/);
    expect(prepared.sysFlag).toBe(0);
    expect(prepared.body.toString()).toBe('hello');
  });

  it('compresses bodies of 4096 bytes and more with zlib and sets sysflag bit 0', () => {
    const small = prepareMessage(toOutgoingMessage({ topic: 'T', body: Buffer.alloc(4095, 'a') }), prepareOptions);
    expect(small.sysFlag & 1).toBe(0);
    const body = Buffer.alloc(4096, 'a');
    const big = prepareMessage(toOutgoingMessage({ topic: 'T', body }), prepareOptions);
    expect(big.sysFlag).toBe(1);
    expect(big.body.length).toBeLessThan(body.length);
    expect(big.body[0]).toBe(0x78); // zlib header
    expect(inflateSync(big.body)).toEqual(body);
  });

  it('refuses system property names, empty bodies and forbidden topics', () => {
    expect(() => toOutgoingMessage({ topic: 'T', body: 'x', properties: { TAGS: 'x' } })).toThrow(/used by system/);
    expect(() => prepareMessage(toOutgoingMessage({ topic: 'T', body: '' }), prepareOptions)).toThrow(/length is zero/);
    expect(() => prepareMessage(toOutgoingMessage({ topic: 'SCHEDULE_TOPIC_XXXX', body: 'x' }), prepareOptions)).toThrow(/forbidden/);
    expect(() => prepareMessage(toOutgoingMessage({ topic: 'bad topic', body: 'x' }), prepareOptions)).toThrow(/illegal characters/);
  });

  it('moves RECONSUME_TIME and MAX_RECONSUME_TIMES of a retry-topic message into the header', () => {
    const outgoing = toOutgoingMessage({ topic: '%RETRY%G', body: 'x' });
    outgoing.properties.set('RECONSUME_TIME', '2');
    outgoing.properties.set('MAX_RECONSUME_TIMES', '16');
    const prepared = prepareMessage(outgoing, prepareOptions);
    const header = sendHeaderFor(prepared, { topic: '%RETRY%G', brokerName: 'b', queueId: 0 }, {
      producerGroup: 'P', createTopicKey: 'TBW102', defaultTopicQueueNums: 4,
    });
    expect(header.reconsumeTimes).toBe(2);
    expect(header.maxReconsumeTimes).toBe(16);
    expect(decodeMessageProperties(prepared.properties).has('RECONSUME_TIME')).toBe(false);
    expect(header).toMatchObject({ producerGroup: 'P', topic: '%RETRY%G', defaultTopic: 'TBW102', defaultTopicQueueNums: 4, queueId: 0, batch: false, bname: 'b' });
  });

  it('builds a batch body with a UNIQ_KEY per message and WAIT as the batch property', () => {
    const prepared = prepareBatch(
      [toOutgoingMessage({ topic: 'T', body: 'one', keys: 'a' }), toOutgoingMessage({ topic: 'T', body: Buffer.alloc(5000, 'b') })],
      prepareOptions,
    );
    expect(prepared.batch).toBe(true);
    expect(prepared.sysFlag).toBe(0); // batches are never compressed
    expect(prepared.properties).toBe('WAIT\u0001true\u0002');
    const inner = decodeBatchMessages(prepared.body);
    expect(inner.map((message) => message.body.length)).toEqual([3, 5000]);
    expect(prepared.uniqMsgId.split(',')).toEqual(inner.map((message) => message.properties.get('UNIQ_KEY')));
    expect(inner[0].properties.get('KEYS')).toBe('a');
  });

  it('refuses mixed topics and delayed messages in a batch', () => {
    expect(() => prepareBatch([toOutgoingMessage({ topic: 'A', body: 'x' }), toOutgoingMessage({ topic: 'B', body: 'y' })], prepareOptions)).toThrow(/same/);
    expect(() => prepareBatch([toOutgoingMessage({ topic: 'A', body: 'x', delayTimeLevel: 2 })], prepareOptions)).toThrow(/TimeDelayLevel/);
  });
});

describe('queue selector by hash', () => {
  it("uses Java's hashCode so the same key always lands on the same queue", () => {
    // "ab": 97 * 31 + 98 = 3105; "polygenelubricants" famously hashes to Integer.MIN_VALUE.
    expect(javaHashCode('ab')).toBe(3105);
    expect(javaHashCode('polygenelubricants')).toBe(-2147483648);
    expect(javaHashCode(42)).toBe(42);
    expect(javaHashCode(2 ** 32 + 5)).toBe(1 ^ 5);
    const queues = Array.from({ length: 4 }, (_, queueId) => ({ topic: 'T', brokerName: 'b', queueId }));
    const select = (arg: unknown) => selectMessageQueueByHash(queues, { topic: 'T', body: '' }, arg).queueId;
    expect(select('ab')).toBe(1); // 3105 % 4
    expect(select('polygenelubricants')).toBe(0);
    expect(select(-7)).toBe(3); // |-7 % 4|
    expect(select(7)).toBe(3);
  });
});
