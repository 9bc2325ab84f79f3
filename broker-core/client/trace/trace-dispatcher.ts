import { createLogger } from '../../common/logger';
import type { ClientOptions } from '../instance/client-config';
import type { Message } from '../producer/message';
import type { ProducerOptions } from '../producer/producer';
import type { SendResult } from '../producer/send-result';
import { DEFAULT_TRACE_TOPIC, encodeTraceContext, type TraceContext } from './trace-format';

const log = createLogger('trace');

/**
 * Writes trace contexts to the trace topic in the background (Java `AsyncTraceDispatcher`, spec/semantics.md §15).
 *
 *  - `append` never blocks and never throws: a context is queued, or dropped and counted (`droppedCount`) when
 *    `queueCapacity` (2048) contexts are already queued or being sent;
 *  - queued contexts are flushed as soon as `batchSize` (100) are waiting, else `flushIntervalMs` (100 ms) after the
 *    first one; a flush packs records into trace messages of at most ~`maxMsgSize` (128 000) characters;
 *  - each trace message is keyed by every traced message id and key, and sent by an inner producer of its own
 *    (group `_INNER_TRACE_PRODUCER-<group>-<type>-<n>`, own connections, 5 s send timeout);
 *  - `shutdown` flushes what is queued, waits (bounded) for the sends, then stops the inner producer.
 */
export interface TraceSender {
  start(): Promise<void>;
  send(message: Message, options?: { timeoutMs?: number }): Promise<SendResult>;
  shutdown(): Promise<void>;
}

export type TraceDispatcherType = 'PRODUCE' | 'CONSUME';

export interface TraceDispatcherOptions {
  /** The traced producer's or consumer's group (names the inner producer). */
  group: string;
  type: TraceDispatcherType;
  /** Default RMQ_SYS_TRACE_TOPIC. */
  traceTopic?: string;
  /** Connection settings of the traced client (nameservers, intervals); the inner producer uses them. */
  clientOptions: ClientOptions;
  queueCapacity?: number;
  batchSize?: number;
  maxMsgSize?: number;
  flushIntervalMs?: number;
}

export const TRACE_PRODUCER_GROUP_PREFIX = '_INNER_TRACE_PRODUCER';
const TRACE_SEND_TIMEOUT_MS = 5000;
const SHUTDOWN_WAIT_MS = 5000;
let producerCounter = 0;

export class TraceDispatcher {
  readonly traceTopic: string;
  /** Contexts refused because the queue was full (or the dispatcher stopped). */
  droppedCount = 0;
  sentMessages = 0;
  failedMessages = 0;
  private readonly queueCapacity: number;
  private readonly batchSize: number;
  private readonly maxMsgSize: number;
  private readonly flushIntervalMs: number;
  private readonly sender: TraceSender;
  private pending: TraceContext[] = [];
  /** Contexts queued or in a send still running. */
  private held = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private state: 'created' | 'running' | 'stopped' = 'created';

  constructor(options: TraceDispatcherOptions, createProducer: (options: ProducerOptions) => TraceSender) {
    this.traceTopic = options.traceTopic && options.traceTopic.trim() !== '' ? options.traceTopic : DEFAULT_TRACE_TOPIC;
    this.queueCapacity = options.queueCapacity ?? 2048;
    this.batchSize = options.batchSize ?? 100;
    this.maxMsgSize = options.maxMsgSize ?? 128_000;
    this.flushIntervalMs = options.flushIntervalMs ?? 100;
    const { namesrvAddr, clientIP, pollNameServerIntervalMs, heartbeatBrokerIntervalMs, requestTimeoutMs } = options.clientOptions;
    // Traces are signed with the traced client's account, as Java hands its RPC hook to the trace producer.
    const { accessKey, secretKey, securityToken } = options.clientOptions;
    this.sender = createProducer({
      accessKey,
      secretKey,
      securityToken,
      namesrvAddr,
      clientIP,
      pollNameServerIntervalMs,
      heartbeatBrokerIntervalMs,
      requestTimeoutMs,
      group: `${TRACE_PRODUCER_GROUP_PREFIX}-${options.group}-${options.type}-${++producerCounter}`,
      sendMsgTimeoutMs: TRACE_SEND_TIMEOUT_MS,
      maxMessageSize: this.maxMsgSize + 64 * 1024,
    });
  }

  /** Contexts queued or being sent. */
  get queued(): number {
    return this.held;
  }

  async start(): Promise<void> {
    if (this.state !== 'created') return;
    await this.sender.start();
    // shutdown() may have been called while the inner producer started.
    if (this.isStopped()) {
      await this.sender.shutdown();
      return;
    }
    this.state = 'running';
    if (this.pending.length > 0) this.drain();
  }

  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  /** Queues a context; false (and counted) when the queue is full. Never blocks. */
  append(context: TraceContext): boolean {
    if (this.state === 'stopped' || this.held >= this.queueCapacity) {
      this.droppedCount++;
      if (this.droppedCount % 1000 === 1) log.warn(`trace queue full (${this.queueCapacity}); ${this.droppedCount} context(s) dropped so far`);
      return false;
    }
    this.pending.push(context);
    this.held++;
    if (this.state !== 'running') return true;
    if (this.pending.length >= this.batchSize) this.drain();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.drain(), this.flushIntervalMs);
      this.timer.unref();
    }
    return true;
  }

  /** Sends everything queued and waits for the sends. */
  async flush(): Promise<void> {
    this.drain();
    await Promise.all([...this.inFlight]);
  }

  async shutdown(): Promise<void> {
    if (this.state === 'stopped') return;
    const wasRunning = this.state === 'running';
    if (wasRunning) this.drain();
    this.state = 'stopped';
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([Promise.all([...this.inFlight]), bound]);
    clearTimeout(timer);
    if (wasRunning) await this.sender.shutdown();
  }

  /** Packs every queued context into trace messages (batchSize contexts per round) and starts sending them. */
  private drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0) {
      const round = this.pending.splice(0, this.batchSize);
      let body = '';
      let keys = new Set<string>();
      let contexts = 0;
      for (const context of round) {
        const transfer = encodeTraceContext(context);
        if (body.length > 0 && body.length + transfer.data.length > this.maxMsgSize) {
          this.send(body, keys, contexts);
          body = '';
          keys = new Set();
          contexts = 0;
        }
        body += transfer.data;
        for (const key of transfer.keys) keys.add(key);
        contexts++;
      }
      if (contexts > 0) this.send(body, keys, contexts);
    }
  }

  private send(body: string, keys: Set<string>, contexts: number): void {
    if (body.length === 0) {
      this.held -= contexts;
      return;
    }
    const sending: Promise<void> = this.sender
      .send({ topic: this.traceTopic, body, keys: [...keys] }, { timeoutMs: TRACE_SEND_TIMEOUT_MS })
      .then(
        () => void this.sentMessages++,
        (error: unknown) => {
          this.failedMessages++;
          log.warn(`sending a trace message to ${this.traceTopic} failed: ${(error as Error).message}`);
        },
      )
      .finally(() => {
        this.held -= contexts;
        this.inFlight.delete(sending);
      });
    this.inFlight.add(sending);
  }
}
