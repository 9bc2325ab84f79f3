import { createRequire } from 'node:module';
import { NamesrvClient } from '../../broker-core/client/namesrv-client';
import { CreateTopicRequestHeader } from '../../broker-core/protocol/headers/admin-topic';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest } from '../../broker-core/remoting/remoting-command';

/**
 * Typed handles on ali-ons 3.12 (npm, a RocketMQ 4.x client written by others) and small helpers for the broker
 * compatibility tests. ali-ons is configured with `nameSrv` (so its httpclient / onsAddr path is never used) and an
 * explicit instanceName per client, so several clients in one process get distinct client ids.
 */
const requireFromHere = createRequire(__filename);

export interface AliOnsMessage {
  topic: string;
  tags: string | null;
  keys: string | undefined;
  body: Buffer;
  msgId: string;
  queueId: number;
  queueOffset: number;
  reconsumeTimes: number;
  properties: Record<string, string>;
}

/** A message to send: ali-ons takes keys as an array and stores them space-joined in the KEYS property. */
export interface AliOnsOutgoingMessage {
  topic: string;
  properties: Record<string, string>;
  get keys(): string | undefined;
  set keys(value: string[]);
}

export interface AliOnsSendResult {
  sendStatus: string;
  msgId: string;
  queueOffset: number;
  messageQueue: { topic: string; brokerName: string; queueId: number };
}

export interface AliOnsProducer {
  ready(): Promise<void>;
  send(message: AliOnsOutgoingMessage): Promise<AliOnsSendResult>;
  close(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

export interface AliOnsPullResult {
  pullStatus: string;
  msgFoundList: AliOnsMessage[];
}

export interface AliOnsConsumer {
  ready(): Promise<void>;
  subscribe(topic: string, expression: string | { expressionType: string; subString: string }, handler: (message: AliOnsMessage) => Promise<unknown>): void;
  close(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
  /** Internals the tests look at. */
  _processQueueTable: Map<string, { messageQueue: { topic: string; queueId: number } }>;
  _mqClient: { pullMessage(address: string, header: Record<string, unknown>, timeout: number): Promise<AliOnsPullResult> };
}

interface AliOns {
  Producer: new (options: Record<string, unknown>) => AliOnsProducer;
  /** ACTION_RETRY: what a listener returns to have the message retried through %RETRY%<group>. */
  Consumer: (new (options: Record<string, unknown>) => AliOnsConsumer) & { ACTION_RETRY: symbol };
  Message: new (topic: string, tags: string, body: Buffer | string) => AliOnsOutgoingMessage;
}

export const aliOns = requireFromHere('ali-ons') as AliOns;
const MQProducerClass = requireFromHere('ali-ons/lib/producer/mq_producer') as { defaultProducer?: AliOnsProducer };

export const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };

export function clientOptions(namesrvAddr: string, instanceName: string): Record<string, unknown> {
  return { nameSrv: namesrvAddr, httpclient: {}, logger: silentLogger, instanceName, responseTimeout: 10_000 };
}

/** ali-ons keeps one inner producer per process; close it so the test process can exit. */
export async function closeAliOnsInnerProducer(): Promise<void> {
  const inner = MQProducerClass.defaultProducer;
  if (inner) {
    MQProducerClass.defaultProducer = undefined;
    await inner.close().catch(() => undefined);
  }
}

/** Creates a topic on the broker with UPDATE_AND_CREATE_TOPIC and waits until the nameserver routes it. */
export async function createTopic(brokerAddr: string, namesrvAddr: string, topic: string, queues: number): Promise<void> {
  const remoting = new RemotingClient({ name: 'test-admin' });
  try {
    const extFields = CreateTopicRequestHeader.encode({
      topic,
      defaultTopic: 'TBW102',
      readQueueNums: queues,
      writeQueueNums: queues,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
    });
    const response = await remoting.invoke(brokerAddr, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
    if (response.code !== ResponseCode.SUCCESS) throw new Error(`create topic ${topic}: ${response.code} ${response.remark}`);
    const namesrv = new NamesrvClient(remoting, [namesrvAddr]);
    await waitFor(async () => (await namesrv.getTopicRouteInfo(topic))?.queueDatas[0]?.readQueueNums === queues, 15_000, `route of ${topic}`);
  } finally {
    await remoting.close();
  }
}

export async function waitFor(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Received {
  consumer: string;
  topic: string;
  msgId: string;
  queueId: number;
  queueOffset: number;
  body: Buffer;
  tags: string | null;
  keys: string | undefined;
  idx: string | undefined;
}

export function record(consumer: string, message: AliOnsMessage): Received {
  return {
    consumer,
    topic: message.topic,
    msgId: message.msgId,
    queueId: message.queueId,
    queueOffset: message.queueOffset,
    body: message.body,
    tags: message.tags,
    keys: message.keys,
    idx: message.properties.idx,
  };
}
