import { createLogger } from '../../common/logger';
import { SystemTopic } from '../../common/message/message-const';
import type { TopicRouteData } from '../../protocol/bodies/topic-route-data';
import { ClientErrorCode, MQClientError } from '../client-error';
import { pidInstanceName, resolveClientConfig, type ClientOptions } from '../instance/client-config';
import { ClientInstance, type ProducerMember } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import { decodeMessageProperties } from '../../common/message/message-properties';
import { SendTraceHook } from '../trace/send-trace-hook';
import { TraceDispatcher } from '../trace/trace-dispatcher';
import { checkGroup } from '../validators';
import { LatencyFaultStrategy } from './latency-fault-strategy';
import { toOutgoingMessage, type Message, type OutgoingMessage } from './message';
import { prepareBatch, prepareMessage, type PreparedMessage, type PrepareOptions } from './prepared-message';
import type { MessageQueueSelector } from './queue-selector';
import type { SendResult } from './send-result';
import { sendAsyncWithRetries, sendWithRetries, type RetryContext } from './send-retries';
import { sendKernel, type KernelContext, type SendMode } from './send-kernel';
import { runSendHooks, type SendMessageContext, type SendMessageHook } from './send-message-hook';
import { TopicPublishInfo } from './topic-publish-info';

const log = createLogger('producer');

/**
 * A producer (Java `DefaultMQProducer`): sync, async, oneway, batch and ordered sends over the 4.x protocol
 * (spec/semantics.md §11). Defaults are upstream's (spec/config.md §5).
 *
 * Sync sends try `1 + retryTimesWhenSendFailed` queues within one `sendMsgTimeoutMs` budget, moving to another
 * broker after a transport failure or a retryable code (send-retry-policy.ts); async sends retry transport
 * failures only, up to `retryTimesWhenSendAsyncFailed`; oneway and selector sends never retry.
 */
export interface ProducerOptions extends ClientOptions {
  /** Producer group (heartbeats, connection lists, transactions). Default `DEFAULT_PRODUCER`. */
  group?: string;
  sendMsgTimeoutMs?: number;
  retryTimesWhenSendFailed?: number;
  retryTimesWhenSendAsyncFailed?: number;
  /** Retry on another broker when the status is not SEND_OK (e.g. FLUSH_DISK_TIMEOUT). Default false. */
  retryAnotherBrokerWhenNotStoreOK?: boolean;
  /** Single bodies of at least this many bytes are zlib-compressed. Default 4096. */
  compressMsgBodyOverHowmuch?: number;
  compressLevel?: number;
  maxMessageSize?: number;
  /** Template topic for auto-creation. Default TBW102. */
  createTopicKey?: string;
  defaultTopicQueueNums?: number;
  /** Latency-aware broker avoidance (latency-fault-strategy.ts). Default false, as upstream. */
  sendLatencyFaultEnable?: boolean;
  /** Share connections and routes with other clients of this instance. */
  instance?: ClientInstance;
  /** Write Pub (and EndTransaction) traces to the trace topic (trace/). Default false. */
  enableMsgTrace?: boolean;
  /** Trace topic; default RMQ_SYS_TRACE_TOPIC. */
  customizedTraceTopic?: string;
}

export interface SendOptions {
  timeoutMs?: number;
  /** Send to exactly this queue (no retry). */
  messageQueue?: MessageQueue;
  /** Pick the queue with a selector and `arg` (ordered sends; no retry). */
  selector?: MessageQueueSelector;
  arg?: unknown;
}

export interface SendCallback {
  onSuccess(result: SendResult): void;
  onException(error: Error): void;
}

type Mode = SendMode;

export class Producer implements ProducerMember {
  readonly group: string;
  readonly instance: ClientInstance;
  private readonly ownsInstance: boolean;
  private readonly publishInfos = new Map<string, TopicPublishInfo>();
  private readonly fault: LatencyFaultStrategy;
  private state: 'created' | 'running' | 'closed' = 'created';
  private readonly kernelContext: KernelContext;
  /** Built once, as the options they copy never change: every send reads them. */
  private readonly retryContext: RetryContext;
  private readonly prepareOptions: PrepareOptions;
  private readonly sendHooks: SendMessageHook[] = [];
  /** Present when enableMsgTrace: where this producer's traces go (trace/end-transaction-trace.ts uses it). */
  readonly traceDispatcher: TraceDispatcher | undefined;
  readonly options: Readonly<
    Required<
      Pick<
        ProducerOptions,
        | 'sendMsgTimeoutMs'
        | 'retryTimesWhenSendFailed'
        | 'retryTimesWhenSendAsyncFailed'
        | 'retryAnotherBrokerWhenNotStoreOK'
        | 'compressMsgBodyOverHowmuch'
        | 'compressLevel'
        | 'maxMessageSize'
        | 'createTopicKey'
        | 'defaultTopicQueueNums'
      >
    >
  >;

  constructor(options: ProducerOptions = {}) {
    this.group = options.group ?? 'DEFAULT_PRODUCER';
    checkGroup(this.group);
    this.ownsInstance = options.instance === undefined;
    this.instance = options.instance ?? new ClientInstance(resolveClientConfig(options, pidInstanceName()));
    this.fault = new LatencyFaultStrategy(options.sendLatencyFaultEnable ?? false);
    this.options = {
      sendMsgTimeoutMs: options.sendMsgTimeoutMs ?? 3000,
      retryTimesWhenSendFailed: options.retryTimesWhenSendFailed ?? 2,
      retryTimesWhenSendAsyncFailed: options.retryTimesWhenSendAsyncFailed ?? 2,
      retryAnotherBrokerWhenNotStoreOK: options.retryAnotherBrokerWhenNotStoreOK ?? false,
      compressMsgBodyOverHowmuch: options.compressMsgBodyOverHowmuch ?? 4096,
      compressLevel: options.compressLevel ?? 5,
      maxMessageSize: options.maxMessageSize ?? 4 * 1024 * 1024,
      createTopicKey: options.createTopicKey ?? SystemTopic.AUTO_CREATE_TOPIC_KEY,
      defaultTopicQueueNums: options.defaultTopicQueueNums ?? 4,
    };
    this.kernelContext = {
      instance: this.instance,
      producerGroup: this.group,
      createTopicKey: this.options.createTopicKey,
      defaultTopicQueueNums: this.options.defaultTopicQueueNums,
      refreshRoute: async (topic) => void (await this.findPublishInfo(topic)),
    };
    this.prepareOptions = {
      maxMessageSize: this.options.maxMessageSize,
      compressOverBytes: this.options.compressMsgBodyOverHowmuch,
      compressLevel: this.options.compressLevel,
    };
    this.retryContext = {
      fault: this.fault,
      retryTimesWhenSendFailed: this.options.retryTimesWhenSendFailed,
      retryTimesWhenSendAsyncFailed: this.options.retryTimesWhenSendAsyncFailed,
      retryAnotherBrokerWhenNotStoreOK: this.options.retryAnotherBrokerWhenNotStoreOK,
      send: (prepared, mq, mode, timeoutMs) => this.sendKernel(prepared, mq, mode, timeoutMs),
    };
    if (options.enableMsgTrace) {
      this.traceDispatcher = new TraceDispatcher(
        { group: this.group, type: 'PRODUCE', traceTopic: options.customizedTraceTopic, clientOptions: options },
        (traceOptions) => new Producer(traceOptions),
      );
      this.registerSendMessageHook(new SendTraceHook(this.traceDispatcher));
    }
  }

  /** Runs `hook` around every single-message send attempt (Java registerSendMessageHook). */
  registerSendMessageHook(hook: SendMessageHook): void {
    this.sendHooks.push(hook);
  }

  get clientId(): string {
    return this.instance.clientId;
  }

  async start(): Promise<void> {
    if (this.state !== 'created') throw new MQClientError(`the producer ${this.group} was already started`);
    this.instance.registerProducer(this);
    this.instance.start();
    this.state = 'running';
    await this.instance.sendHeartbeatToAllBrokers();
    await this.traceDispatcher?.start();
  }

  /** Unregisters the group from the brokers and closes the connections this producer owns. */
  async shutdown(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'closed';
    await this.traceDispatcher?.shutdown();
    await this.instance.unregisterProducer(this.group);
    if (this.ownsInstance) await this.instance.shutdown();
  }

  /** Sends and waits for the broker's answer (with retries); `SendResult` says how it was stored. */
  async send(message: Message, options: SendOptions = {}): Promise<SendResult> {
    const prepared = this.prepare(message);
    const timeoutMs = options.timeoutMs ?? this.options.sendMsgTimeoutMs;
    if (options.messageQueue) return this.sendToQueue(prepared, options.messageQueue, 'sync', timeoutMs) as Promise<SendResult>;
    if (options.selector) return this.sendSelect(prepared, message, options.selector, options.arg, 'sync', timeoutMs) as Promise<SendResult>;
    return this.sendDefault(prepared, 'sync', timeoutMs) as Promise<SendResult>;
  }

  /**
   * Asynchronous send with Java's async retry policy; resolves with the result, or reports to `callback` (then the
   * returned promise never rejects).
   */
  sendAsync(message: Message, callback?: SendCallback, options: SendOptions = {}): Promise<SendResult | undefined> {
    const timeoutMs = options.timeoutMs ?? this.options.sendMsgTimeoutMs;
    const running = (async () => {
      const prepared = this.prepare(message);
      if (options.messageQueue) return (await this.sendToQueue(prepared, options.messageQueue, 'async', timeoutMs)) as SendResult;
      if (options.selector) return (await this.sendSelect(prepared, message, options.selector, options.arg, 'async', timeoutMs)) as SendResult;
      return this.sendAsyncWithRetry(prepared, timeoutMs);
    })();
    if (!callback) return running;
    return running.then(
      (result) => {
        callback.onSuccess(result);
        return result;
      },
      (error: unknown) => {
        callback.onException(error instanceof Error ? error : new Error(String(error)));
        return undefined;
      },
    );
  }

  /** Fire and forget: resolves once the request is written; the broker does not answer. */
  async sendOneway(message: Message, options: SendOptions = {}): Promise<void> {
    const prepared = this.prepare(message);
    const timeoutMs = options.timeoutMs ?? this.options.sendMsgTimeoutMs;
    if (options.messageQueue) await this.sendToQueue(prepared, options.messageQueue, 'oneway', timeoutMs);
    else if (options.selector) await this.sendSelect(prepared, message, options.selector, options.arg, 'oneway', timeoutMs);
    else await this.sendDefault(prepared, 'oneway', timeoutMs);
  }

  /** Several messages of one topic in one request (SEND_BATCH_MESSAGE). `msgId`/`offsetMsgId` list them all. */
  async sendBatch(messages: readonly Message[], options: SendOptions = {}): Promise<SendResult> {
    this.ensureRunning();
    const prepared = prepareBatch(messages.map(toOutgoingMessage), this.prepareOptions);
    const timeoutMs = options.timeoutMs ?? this.options.sendMsgTimeoutMs;
    if (options.messageQueue) return (await this.sendToQueue(prepared, options.messageQueue, 'sync', timeoutMs)) as SendResult;
    if (options.selector) return (await this.sendSelect(prepared, messages[0], options.selector, options.arg, 'sync', timeoutMs)) as SendResult;
    return (await this.sendDefault(prepared, 'sync', timeoutMs)) as SendResult;
  }

  /**
   * RocketMQTemplate's `convertAndSend`: `payload` as JSON (a string or Buffer as is) to `destination`, written
   * `topic` or `topic:tags`.
   */
  convertAndSend(destination: string, payload: unknown, extra: Omit<Message, 'topic' | 'body' | 'tags'> = {}): Promise<SendResult> {
    const colon = destination.indexOf(':');
    const topic = colon < 0 ? destination : destination.slice(0, colon);
    const tags = colon < 0 ? undefined : destination.slice(colon + 1);
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    if (body === undefined) throw new MQClientError('the payload cannot be written as JSON');
    return this.send({ ...extra, topic, tags, body });
  }

  /**
   * Sends a message whose properties are already complete (system properties included), with the sync retry policy.
   * For the client's own re-sends (consumer retries), not for applications.
   */
  async sendOutgoing(outgoing: OutgoingMessage, timeoutMs = this.options.sendMsgTimeoutMs): Promise<SendResult> {
    this.ensureRunning();
    return (await this.sendDefault(prepareMessage(outgoing, this.prepareOptions), 'sync', timeoutMs)) as SendResult;
  }

  /** The queues a send to `topic` may use (Java `fetchPublishMessageQueues`). */
  async fetchPublishMessageQueues(topic: string): Promise<MessageQueue[]> {
    const info = await this.findPublishInfo(topic);
    return [...(info?.messageQueues ?? [])];
  }

  publishTopics(): string[] {
    return [...this.publishInfos.keys()];
  }

  onRoute(topic: string, route: TopicRouteData, changed: boolean): void {
    const current = this.publishInfos.get(topic);
    if (!current) return;
    if (changed || !current.ok() || !current.route) this.publishInfos.set(topic, TopicPublishInfo.fromRoute(topic, route, current.index));
  }

  private prepare(message: Message): PreparedMessage {
    this.ensureRunning();
    return prepareMessage(toOutgoingMessage(message), this.prepareOptions);
  }

  private ensureRunning(): void {
    if (this.state !== 'running') throw new MQClientError(`The producer service state not OK, ${this.state.toUpperCase()}`);
  }

  /** Java `tryToFindTopicPublishInfo`: the topic's route, else the TBW102 template so the broker may auto-create it. */
  private async findPublishInfo(topic: string): Promise<TopicPublishInfo | undefined> {
    let info = this.publishInfos.get(topic);
    if (!info || !info.ok()) {
      if (!info) this.publishInfos.set(topic, new TopicPublishInfo(topic, [], false, undefined));
      await this.instance.updateTopicRoute(topic).catch((error: unknown) => log.debug(`route of ${topic}: ${(error as Error).message}`));
      info = this.publishInfos.get(topic);
    }
    if (info && (info.route || info.ok())) return info;
    await this.instance.updateTopicRoute(topic, {
      defaultTopic: this.options.createTopicKey,
      defaultQueueNums: this.options.defaultTopicQueueNums,
    });
    return this.publishInfos.get(topic);
  }

  private async requirePublishInfo(topic: string): Promise<TopicPublishInfo> {
    const info = await this.findPublishInfo(topic);
    if (!info || !info.ok()) {
      throw new MQClientError(`No route info of this topic: ${topic}`, ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION);
    }
    return info;
  }

  private async sendDefault(prepared: PreparedMessage, mode: Mode, timeoutMs: number): Promise<SendResult | undefined> {
    const begin = Date.now();
    const info = await this.requirePublishInfo(prepared.topic);
    return sendWithRetries(this.retryContext, info, prepared, mode, timeoutMs - (Date.now() - begin));
  }

  private async sendAsyncWithRetry(prepared: PreparedMessage, timeoutMs: number): Promise<SendResult> {
    const begin = Date.now();
    const info = await this.requirePublishInfo(prepared.topic);
    return sendAsyncWithRetries(this.retryContext, info, prepared, timeoutMs - (Date.now() - begin));
  }

  private async sendSelect(
    prepared: PreparedMessage,
    message: Message,
    selector: MessageQueueSelector,
    arg: unknown,
    mode: Mode,
    timeoutMs: number,
  ): Promise<SendResult | undefined> {
    const begin = Date.now();
    const info = await this.requirePublishInfo(prepared.topic);
    const mq = selector([...info.messageQueues], message, arg);
    if (!mq) throw new MQClientError('select message queue return null.');
    return this.sendKernel(prepared, mq, mode, timeoutMs - (Date.now() - begin));
  }

  private async sendToQueue(prepared: PreparedMessage, mq: MessageQueue, mode: Mode, timeoutMs: number): Promise<SendResult | undefined> {
    if (mq.topic !== prepared.topic) throw new MQClientError(`message's topic ${prepared.topic} is not the queue's topic ${mq.topic}`);
    await this.requirePublishInfo(prepared.topic);
    return this.sendKernel(prepared, mq, mode, timeoutMs);
  }

  private async sendKernel(prepared: PreparedMessage, mq: MessageQueue, mode: Mode, timeoutMs: number): Promise<SendResult | undefined> {
    if (this.sendHooks.length === 0 || prepared.batch) return sendKernel(this.kernelContext, prepared, mq, mode, timeoutMs);
    const context: SendMessageContext = {
      producerGroup: this.group,
      topic: prepared.topic,
      properties: decodeMessageProperties(prepared.properties),
      bodyLength: prepared.body.length,
      mq,
      brokerAddr: this.instance.routes.findBrokerAddressInPublish(mq.brokerName),
      mode,
    };
    runSendHooks(this.sendHooks, 'before', context);
    try {
      context.sendResult = await sendKernel(this.kernelContext, prepared, mq, mode, timeoutMs);
      return context.sendResult;
    } catch (error) {
      context.error = error as Error;
      throw error;
    } finally {
      runSendHooks(this.sendHooks, 'after', context);
    }
  }
}
