import { describe, expect, it } from 'vitest';
import { RemotingConnectError, ResponseCodeError } from '../../remoting/remoting-error';
import { MQClientError } from '../client-error';
import type { MessageQueue } from '../message-queue';
import { LatencyFaultStrategy } from '../producer/latency-fault-strategy';
import type { PreparedMessage } from '../producer/prepared-message';
import { RotatingIndex } from '../producer/rotating-index';
import { sendAsyncWithRetries, sendWithRetries, type RetryContext } from '../producer/send-retries';
import type { SendResult, SendStatus } from '../producer/send-result';
import { TopicPublishInfo } from '../producer/topic-publish-info';

const queues: MessageQueue[] = ['broker-a', 'broker-b'].flatMap((brokerName) => [0, 1].map((queueId) => ({ topic: 'T', brokerName, queueId })));
const info = () => new TopicPublishInfo('T', queues, false, undefined, new RotatingIndex(-1));
const prepared = { topic: 'T' } as PreparedMessage;
const ok = (mq: MessageQueue, sendStatus: SendStatus = 'SEND_OK') => ({ sendStatus, messageQueue: mq }) as SendResult;

/** A send function answering from a script, recording which brokers were tried. */
function scripted(outcomes: Array<(mq: MessageQueue) => SendResult>, options: Partial<RetryContext> = {}) {
  const tried: string[] = [];
  const context: RetryContext = {
    fault: new LatencyFaultStrategy(),
    retryTimesWhenSendFailed: 2,
    retryTimesWhenSendAsyncFailed: 2,
    retryAnotherBrokerWhenNotStoreOK: false,
    async send(_prepared, mq) {
      tried.push(mq.brokerName);
      const next = outcomes.shift();
      if (!next) throw new Error('no more outcomes');
      return next(mq);
    },
    ...options,
  };
  return { context, tried };
}

const fail = (error: Error) => () => {
  throw error;
};

describe('sync send retries', () => {
  it('a retryable code moves to another broker; 3 attempts at most', async () => {
    const { context, tried } = scripted([fail(new ResponseCodeError(14, 'service not available')), (mq) => ok(mq)]);
    const result = await sendWithRetries(context, info(), prepared, 'sync', 3000);
    expect(result?.sendStatus).toBe('SEND_OK');
    expect(tried).toEqual(['broker-a', 'broker-b']);

    const down = scripted([1, 2, 3].map(() => fail(new RemotingConnectError('refused'))));
    const error = await sendWithRetries(down.context, info(), prepared, 'sync', 3000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MQClientError);
    expect((error as MQClientError).message).toMatch(/^Send \[3\] times, still failed.*BrokersSent: \[broker-a, broker-b, broker-a\]/);
    expect((error as MQClientError).responseCode).toBe(10001); // CONNECT_BROKER_EXCEPTION
  });

  it('a non-retryable code fails at once with the broker code', async () => {
    const { context, tried } = scripted([fail(new ResponseCodeError(2, '[PC_SYNCHRONIZED]broker busy'))]);
    await expect(sendWithRetries(context, info(), prepared, 'sync', 3000)).rejects.toMatchObject({ code: 2 });
    expect(tried).toEqual(['broker-a']);
  });

  it('a non-SEND_OK status is returned, or retried elsewhere with retryAnotherBrokerWhenNotStoreOK', async () => {
    const plain = scripted([(mq) => ok(mq, 'FLUSH_DISK_TIMEOUT')]);
    expect((await sendWithRetries(plain.context, info(), prepared, 'sync', 3000))?.sendStatus).toBe('FLUSH_DISK_TIMEOUT');
    const retrying = scripted([(mq) => ok(mq, 'FLUSH_DISK_TIMEOUT'), (mq) => ok(mq)], { retryAnotherBrokerWhenNotStoreOK: true });
    expect((await sendWithRetries(retrying.context, info(), prepared, 'sync', 3000))?.sendStatus).toBe('SEND_OK');
    expect(retrying.tried).toEqual(['broker-a', 'broker-b']);
  });

  it('oneway never retries', async () => {
    const { context, tried } = scripted([fail(new RemotingConnectError('refused'))]);
    await expect(sendWithRetries(context, info(), prepared, 'oneway', 3000)).rejects.toThrow(/Send \[1\] times/);
    expect(tried).toEqual(['broker-a']);
  });
});

describe('async send retries', () => {
  it('retries transport failures on another broker, but not broker codes', async () => {
    const transport = scripted([fail(new RemotingConnectError('refused')), (mq) => ok(mq)]);
    expect((await sendAsyncWithRetries(transport.context, info(), prepared, 3000)).sendStatus).toBe('SEND_OK');
    expect(transport.tried).toEqual(['broker-a', 'broker-b']);
    const code = scripted([fail(new ResponseCodeError(1, 'error')), (mq) => ok(mq)]);
    await expect(sendAsyncWithRetries(code.context, info(), prepared, 3000)).rejects.toMatchObject({ code: 1 });
    expect(code.tried).toEqual(['broker-a']);
  });
});
