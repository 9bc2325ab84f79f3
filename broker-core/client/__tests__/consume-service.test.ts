import { describe, expect, it } from 'vitest';
import type { MessageExt } from '../../common/message/message-ext';
import { ConcurrencyLimiter } from '../consumer/concurrency-limiter';
import { ConsumeConcurrentlyService, type ConsumeHost, type MessageListenerConcurrently } from '../consumer/consume-concurrently';
import { ConsumerStats } from '../consumer/consumer-stats';
import { retryMessageOf } from '../consumer/message-back';
import { ProcessQueue } from '../consumer/process-queue';
import type { MessageQueue } from '../message-queue';

const mq: MessageQueue = { topic: 'T', brokerName: 'b', queueId: 0 };
const message = (queueOffset: number, extra: Partial<MessageExt> = {}): MessageExt =>
  ({
    queueOffset,
    topic: 'T',
    body: Buffer.from(`m${queueOffset}`),
    properties: new Map<string, string>(),
    reconsumeTimes: 0,
    msgId: `OFFSET${queueOffset}`,
    flag: 0,
    ...extra,
  }) as MessageExt;

function host(listener: MessageListenerConcurrently, options: { messageModel?: 'CLUSTERING' | 'BROADCASTING'; sendBackOk?: boolean } = {}) {
  const sentBack: Array<{ offset: number; delayLevel: number }> = [];
  const committed: number[] = [];
  const consumeHost: ConsumeHost = {
    group: 'G',
    messageModel: options.messageModel ?? 'CLUSTERING',
    listener,
    stats: new ConsumerStats(),
    async sendMessageBack(msg, delayLevel) {
      sentBack.push({ offset: msg.queueOffset, delayLevel });
      return options.sendBackOk ?? true;
    },
    updateOffset: (_mq, offset) => void committed.push(offset),
  };
  return { consumeHost, sentBack, committed };
}

async function runBatch(service: ConsumeConcurrentlyService, pq: ProcessQueue, batch: MessageExt[]) {
  pq.putMessages(batch);
  service.submit(batch, pq, mq);
  await service.shutdown();
}

describe('concurrent consume service', () => {
  it('commits the smallest offset still in flight as callbacks complete out of order', async () => {
    const { consumeHost, committed } = host(async (messages) => {
      // Offset 10 finishes last.
      if (messages[0].queueOffset === 10) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const service = new ConsumeConcurrentlyService(consumeHost, 4, 1);
    const pq = new ProcessQueue();
    await runBatch(service, pq, [message(10), message(11), message(12)]);
    expect(committed).toEqual([10, 10, 13]);
  });

  it('RECONSUME_LATER sends every message of the batch back with the context delay level, then commits', async () => {
    const { consumeHost, sentBack, committed } = host((_messages, context) => {
      context.delayLevelWhenNextConsume = 2;
      return 'RECONSUME_LATER';
    });
    const service = new ConsumeConcurrentlyService(consumeHost, 1, 2);
    const pq = new ProcessQueue();
    await runBatch(service, pq, [message(0), message(1)]);
    expect(sentBack).toEqual([
      { offset: 0, delayLevel: 2 },
      { offset: 1, delayLevel: 2 },
    ]);
    expect(committed).toEqual([2]);
  });

  it('ackIndex: only messages after it are retried; a throwing listener retries all', async () => {
    const partial = host((_messages, context) => {
      context.ackIndex = 0;
      return 'CONSUME_SUCCESS';
    });
    await runBatch(new ConsumeConcurrentlyService(partial.consumeHost, 1, 3), new ProcessQueue(), [message(0), message(1), message(2)]);
    expect(partial.sentBack.map((entry) => entry.offset)).toEqual([1, 2]);

    const throwing = host(() => {
      throw new Error('boom');
    });
    await runBatch(new ConsumeConcurrentlyService(throwing.consumeHost, 1, 1), new ProcessQueue(), [message(5)]);
    expect(throwing.sentBack.map((entry) => entry.offset)).toEqual([5]);
    expect(throwing.committed).toEqual([6]);
  });

  it('a message that cannot be sent back stays cached (offset not passed) with reconsumeTimes + 1', async () => {
    const { consumeHost, committed } = host(() => 'RECONSUME_LATER', { sendBackOk: false });
    const service = new ConsumeConcurrentlyService(consumeHost, 1, 1);
    const pq = new ProcessQueue();
    const failing = message(3);
    await runBatch(service, pq, [failing]);
    expect(committed).toEqual([3]); // the next offset to consume is still the failed message
    expect(pq.has(3)).toBe(true);
    expect(failing.reconsumeTimes).toBe(1);
  });

  it('BROADCASTING drops failed messages instead of sending them back', async () => {
    const { consumeHost, sentBack, committed } = host(() => 'RECONSUME_LATER', { messageModel: 'BROADCASTING' });
    await runBatch(new ConsumeConcurrentlyService(consumeHost, 1, 1), new ProcessQueue(), [message(7)]);
    expect(sentBack).toEqual([]);
    expect(committed).toEqual([8]);
  });

  it('restores the original topic of a retried message and skips dropped queues', async () => {
    const seen: string[] = [];
    const { consumeHost, committed } = host((messages) => void seen.push(messages[0].topic));
    const retried = message(0, { topic: '%RETRY%G', properties: new Map([['RETRY_TOPIC', 'Orders']]) });
    await runBatch(new ConsumeConcurrentlyService(consumeHost, 1, 1), new ProcessQueue(), [retried]);
    expect(seen).toEqual(['Orders']);
    const dropped = new ProcessQueue();
    dropped.dropped = true;
    await runBatch(new ConsumeConcurrentlyService(consumeHost, 1, 1), dropped, [message(1)]);
    expect(seen).toHaveLength(1);
    expect(committed).toEqual([1]);
  });
});

describe('re-send to %RETRY% when the broker refuses the send-back', () => {
  it('builds the retry message as Java does', () => {
    const original = message(4, {
      topic: 'Orders',
      reconsumeTimes: 2,
      flag: 9,
      uniqKey: 'UNIQ',
      properties: new Map([
        ['TAGS', 'A'],
        ['TRAN_MSG', 'true'],
      ]),
    });
    const retry = retryMessageOf('G', original, 16);
    expect(retry.topic).toBe('%RETRY%G');
    expect(retry.flag).toBe(9);
    expect(Object.fromEntries(retry.properties)).toEqual({
      TAGS: 'A',
      ORIGIN_MESSAGE_ID: 'UNIQ',
      RETRY_TOPIC: 'Orders',
      RECONSUME_TIME: '3',
      MAX_RECONSUME_TIMES: '16',
      DELAY: '5',
    });
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once and drains', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 10 }, () =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      }),
    );
    expect(limiter.queued).toBe(7);
    await Promise.all(tasks);
    await limiter.idle();
    expect(peak).toBe(3);
    expect(limiter.running).toBe(0);
  });
});
