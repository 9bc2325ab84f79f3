import * as fs from 'node:fs';
import { totalmem } from 'node:os';
import { createLogger } from '../common/logger';
import type { MessageExt } from '../common/message/message-ext';
import { createOffsetMessageId, decodeOffsetMessageId } from '../common/message/message-id';
import type { CleanRunResult, CleanService } from './clean-service';
import type { AppendOutcome, CommitLog } from './commit-log';
import type { ConsumeQueueStore } from './consume-queue-store';
import type { DispatchRequest } from './dispatch-request';
import type { DiskUsageProbe } from './disk-usage';
import { getMessage, type ReadPathContext } from './get-message';
import type { IndexService } from './index-service';
import { createMessageStoreConfig, type MessageStoreConfig, type StorePaths } from './message-store-config';
import { prepareBatch, prepareSingle, type PreparedAppend } from './put-message';
import type { ReputService } from './reput-service';
import { storeRuntimeInfo } from './runtime-info';
import { assembleStore, type StoreComponents, type StoreHooks } from './store-assembly';
import { lookMessageByOffset, offsetInQueueByTime, pickupStoreTimestamp, queryMessageByKey, queueMessageStoreTimestamp } from './store-queries';
import { StoreStats } from './store-stats';
import type { GetMessageResult, MessageArrival, MessageArrivingListener, MessageBatchToStore, MessageFilter, MessageToStore, PutMessageResult, QueryMessageResult } from './store-types';

const log = createLogger('store');
const DISPATCH_FAILED = 'consume queue or index write failed';

export interface MessageStoreOptions {
  /** `ip:port` written as STOREHOST and used in offset message ids. */
  storeHost?: string;
  clock?: () => number;
  diskUsage?: DiskUsageProbe;
  /** Start the background services (flush, checkpoint, retention, stats). Default true. */
  startServices?: boolean;
}

/**
 * The message store (upstream DefaultMessageStore): composition root of the commit log, its flusher, the reput
 * service with the consume-queue and index dispatchers, checkpointing, retention and the read path.
 * Files on disk follow spec/store.md §1; each format is drawn in its `*-format.ts`.
 */
export class MessageStore {
  readonly stats = new StoreStats();
  private readonly listeners: MessageArrivingListener[] = [];
  private running = true;
  private writeBlockedRemark = '';
  private readonly maxDelayLevel: number;
  private readonly readContext: ReadPathContext;

  readonly config: MessageStoreConfig;
  readonly paths: StorePaths;
  readonly commitLog: CommitLog;
  readonly consumeQueues: ConsumeQueueStore;
  readonly index: IndexService | undefined;
  readonly reput: ReputService;
  readonly cleaner: CleanService;
  readonly delayLevels: readonly number[];
  /** SYNC_MASTER: waits until a slave holds a message (store/ha/ha-service.ts); set by the broker that runs HA. */
  replica: { waitForReplica(offset: number, timeoutMs: number): Promise<'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE'> } | undefined;

  private constructor(
    private readonly parts: StoreComponents,
    readonly storeHost: string,
  ) {
    ({ config: this.config, paths: this.paths, commitLog: this.commitLog, consumeQueues: this.consumeQueues, index: this.index, reput: this.reput, cleaner: this.cleaner, delayLevels: this.delayLevels } = parts);
    this.maxDelayLevel = this.delayLevels.length;
    this.readContext = { commitLog: this.commitLog, consumeQueues: this.consumeQueues, config: this.config, memoryBytes: totalmem() || 24 * 1024 ** 3 };
  }

  static async open(overrides: Partial<MessageStoreConfig> | MessageStoreConfig, options: MessageStoreOptions = {}): Promise<MessageStore> {
    const hooks: StoreHooks = {};
    const parts = await assembleStore(createMessageStoreConfig(overrides), options.clock ?? Date.now, options.diskUsage, hooks);
    const store = new MessageStore(parts, options.storeHost ?? '127.0.0.1:10911');
    hooks.onArrived = (requests) => store.notifyArrivals(requests);
    hooks.onDispatchError = (error) => store.blockWrites(`${DISPATCH_FAILED}: ${(error as Error).message}`);
    hooks.onDispatchRecovered = () => store.unblockWrites(DISPATCH_FAILED);
    hooks.setDiskFull = (full, remark) => store.setDiskFull(full, remark);
    if (options.startServices !== false) store.startServices();
    return store;
  }

  private startServices(): void {
    this.parts.flusher.start();
    this.parts.derivedFlusher.start();
    this.cleaner.start();
    this.stats.start();
    this.cleaner.checkDisk();
  }

  // ---- writes ----

  private refusal(): PutMessageResult | undefined {
    if (!this.running) return { status: 'SERVICE_NOT_AVAILABLE', remark: 'message store has shut down' };
    if (this.config.brokerRole === 'SLAVE') return { status: 'SERVICE_NOT_AVAILABLE', remark: 'a slave does not accept writes' };
    if (this.writeBlockedRemark) return { status: 'SERVICE_NOT_AVAILABLE', remark: this.writeBlockedRemark };
    if (this.isOSPageCacheBusy()) return { status: 'OS_PAGECACHE_BUSY', remark: '[PC_SYNCHRONIZED]broker busy, start flow control for a while' };
    return undefined;
  }

  isOSPageCacheBusy(): boolean {
    const begin = this.commitLog.beginTimeInLock;
    const held = begin > 0 ? Date.now() - begin : 0;
    return held > this.config.osPageCacheBusyTimeOutMills && held < 10_000_000;
  }

  putMessage(message: MessageToStore): Promise<PutMessageResult> {
    const refused = this.refusal();
    if (refused) return Promise.resolve(this.countFailure(refused));
    return this.append(prepareSingle(message, this.config, this.maxDelayLevel, this.storeHost));
  }

  putMessages(batch: MessageBatchToStore): Promise<PutMessageResult> {
    const refused = this.refusal();
    if (refused) return Promise.resolve(this.countFailure(refused));
    return this.append(prepareBatch(batch, this.config, this.storeHost));
  }

  private countFailure(result: PutMessageResult): PutMessageResult {
    this.stats.recordPutFailure();
    return result;
  }

  /** One promise per put, settled from the commit log's group callback (no per-put async function or second promise). */
  private append(prepared: PreparedAppend): Promise<PutMessageResult> {
    if (!prepared.ok) return Promise.resolve(this.countFailure({ status: prepared.status, remark: prepared.remark }));
    return new Promise((resolve) => this.commitLog.enqueue(prepared.request, (outcome) => resolve(this.completePut(prepared, outcome))));
  }

  private completePut(prepared: PreparedAppend & { ok: true }, outcome: AppendOutcome): PutMessageResult | Promise<PutMessageResult> {
    if (!outcome.ok) return this.countFailure({ status: outcome.status, remark: outcome.remark });
    const offsets = outcome.physicalOffsets;
    const msgIds = offsets.length === 1 ? [createOffsetMessageId(prepared.storeHost, offsets[0])] : offsets.map((offset) => createOffsetMessageId(prepared.storeHost, offset));
    const result: PutMessageResult = {
      status: 'PUT_OK',
      appendResult: {
        wroteOffset: outcome.wroteOffset,
        wroteBytes: outcome.wroteBytes,
        msgId: msgIds.length === 1 ? msgIds[0] : msgIds.join(','),
        msgIds,
        queueOffset: outcome.queueOffset,
        storeTimestamp: outcome.storeTimestamp,
        msgNum: msgIds.length,
        pageCacheRT: outcome.pageCacheRT,
      },
    };
    const flusher = this.parts.flusher;
    const end = outcome.wroteOffset + outcome.wroteBytes;
    const replica = this.config.brokerRole === 'SYNC_MASTER' && prepared.waitForFlush ? this.replica : undefined;
    if ((flusher.isSync && prepared.waitForFlush) || replica) {
      const started = performance.now() - outcome.pageCacheRT / 1000;
      return (async () => {
        if (flusher.isSync && prepared.waitForFlush) result.status = await flusher.waitForFlush(end);
        // As upstream's handleHA: a replication failure is what the producer hears, even after a disk timeout.
        const replicated = replica ? await replica.waitForReplica(end, this.config.slaveTimeout) : 'PUT_OK';
        if (replicated !== 'PUT_OK') result.status = replicated;
        this.stats.recordPut(prepared.topic, msgIds.length, outcome.wroteBytes, performance.now() - started);
        return result;
      })();
    }
    if (flusher.isSync) flusher.wakeup();
    this.stats.recordPut(prepared.topic, msgIds.length, outcome.wroteBytes, outcome.pageCacheRT / 1000);
    return result;
  }

  private setDiskFull(full: boolean, remark: string): void {
    if (full && !this.writeBlockedRemark) log.error(remark);
    if (full) this.writeBlockedRemark = remark;
    else if (this.writeBlockedRemark.startsWith('disk full')) this.writeBlockedRemark = '';
  }

  private blockWrites(remark: string): void {
    this.writeBlockedRemark = remark;
  }

  private unblockWrites(prefix: string): void {
    if (this.writeBlockedRemark.startsWith(prefix)) this.writeBlockedRemark = '';
  }

  get isWritable(): boolean {
    return this.running && this.writeBlockedRemark === '';
  }

  // ---- arrivals ----

  /** Called after each commit-log write, before dispatch (the HA service streams the new bytes to slaves). */
  addAppendListener(listener: () => void): void {
    const previous = this.commitLog.onAppended;
    this.commitLog.onAppended = (maxOffset) => {
      previous(maxOffset);
      listener();
    };
  }

  addMessageArrivingListener(listener: MessageArrivingListener): void {
    this.listeners.push(listener);
  }

  private notifyArrivals(requests: DispatchRequest[]): void {
    if (this.listeners.length === 0 || this.config.brokerRole === 'SLAVE') return;
    for (const request of requests) {
      // Properties are decoded only if a listener reads them (SQL92-filtered pulls held on that queue).
      const arrival: MessageArrival = {
        topic: request.topic,
        queueId: request.queueId,
        logicOffset: request.consumeQueueOffset + 1,
        tagsCode: request.tagsCode,
        storeTimestamp: request.storeTimestamp,
        get properties() {
          return request.properties;
        },
      };
      for (const listener of this.listeners) {
        try {
          listener(arrival);
        } catch (error) {
          log.warn('message arriving listener failed', error);
        }
      }
    }
  }

  /** Resolves once everything appended so far is visible to readers. */
  waitForDispatch(): Promise<void> {
    return this.reput.waitUntilCaughtUp();
  }

  get dispatchBehindBytes(): number {
    return this.reput.behindBytes;
  }

  // ---- reads ----

  /** Pull read path; `group` is accepted for upstream parity (it only feeds upstream's disk fall-behind stats). */
  async getMessage(group: string, topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult> {
    const started = performance.now();
    const result = await getMessage(this.readContext, topic, queueId, offset, maxMsgNums, filter);
    this.stats.recordGet(result.status === 'FOUND', result.messages.length, performance.now() - started);
    return result;
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.maxOffsetInQueue ?? 0;
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.minOffsetInQueue ?? 0;
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    const queue = this.consumeQueues.find(topic, queueId);
    return queue ? offsetInQueueByTime(this.commitLog, queue, timestamp) : 0;
  }

  async getMessageStoreTimestamp(topic: string, queueId: number, queueOffset: number): Promise<number> {
    const queue = this.consumeQueues.find(topic, queueId);
    return queue ? queueMessageStoreTimestamp(this.commitLog, queue, queueOffset) : -1;
  }

  /** Store time of the oldest message in the queue, or -1. */
  async getEarliestMessageTime(topic?: string, queueId?: number): Promise<number> {
    if (topic !== undefined && queueId !== undefined) return this.getMessageStoreTimestamp(topic, queueId, this.getMinOffsetInQueue(topic, queueId));
    const head = await this.commitLog.read(this.commitLog.minOffset, 4);
    return head ? pickupStoreTimestamp(this.commitLog, this.commitLog.minOffset, head.readInt32BE(0)) : -1;
  }

  lookMessageByOffset(commitLogOffset: number, size?: number): Promise<{ record: Buffer; message: MessageExt } | null> {
    return lookMessageByOffset(this.commitLog, commitLogOffset, size);
  }

  /** VIEW_MESSAGE_BY_ID: the record an offset message id points at (the id's store host is the caller's concern). */
  lookMessageByMsgId(msgId: string): Promise<{ record: Buffer; message: MessageExt } | null> {
    return lookMessageByOffset(this.commitLog, decodeOffsetMessageId(msgId).commitLogOffset);
  }

  queryMessage(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryMessageResult> {
    return queryMessageByKey(this.commitLog, this.index, topic, key, Math.min(maxNum, this.config.maxMsgsNumBatch), begin, end);
  }

  get commitLogMinOffset(): number {
    return this.commitLog.minOffset;
  }

  get commitLogMaxOffset(): number {
    return this.commitLog.maxOffset;
  }

  // ---- admin ----

  /** Drops the consume queues of these topics and restarts their queue offsets at 0 (commit log kept). */
  async deleteTopics(topics: Iterable<string>): Promise<number> {
    await this.reput.waitUntilCaughtUp();
    let deleted = 0;
    for (const topic of topics) {
      // Under the dispatch mutex: a round must not be writing to the queues being destroyed.
      if (await this.parts.dispatchMutex.run(() => this.consumeQueues.deleteTopic(topic))) deleted++;
      this.parts.queueOffsets.removeTopic(topic);
    }
    return deleted;
  }

  /** One retention pass now (tests and the DELETE_EXPIRED_COMMITLOG admin request use it). */
  cleanNow(manual = false): Promise<CleanRunResult> {
    if (manual) this.cleaner.requestManualDelete();
    return this.cleaner.runOnce();
  }

  async getRuntimeInfo(): Promise<Record<string, string>> {
    const disk = this.cleaner.checkDisk();
    const earliest = await this.getEarliestMessageTime();
    return { ...this.stats.runtimeInfo(), ...storeRuntimeInfo(this.parts, disk, earliest) };
  }

  // ---- lifecycle ----

  /** Flush everything, checkpoint, remove the abort marker and the lock. */
  async shutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.stopServices();
    this.parts.checkpoint.confirmedPhyOffset = this.parts.flusher.flushed;
    this.parts.checkpoint.write(true);
    this.closeFiles();
    if (this.writeBlockedRemark === '' && this.reput.behindBytes === 0) fs.rmSync(this.paths.abort, { force: true });
    this.parts.lock.release();
  }

  /** Test hook for crash scenarios: stops without final flush/checkpoint and leaves the abort marker, as a kill would. */
  async abandon(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stats.stop();
    await this.parts.flusher.stop();
    await this.parts.derivedFlusher.stop();
    await this.cleaner.shutdown();
    while (this.commitLog.isWriting) await new Promise((resolve) => setImmediate(resolve));
    await this.parts.warmer?.stop();
    await this.reput.stop();
    this.closeFiles();
    this.parts.lock.release();
  }

  private async stopServices(): Promise<void> {
    this.stats.stop();
    await this.cleaner.shutdown();
    while (this.commitLog.isWriting) await new Promise((resolve) => setImmediate(resolve));
    await this.parts.warmer?.stop();
    await this.parts.flusher.shutdown();
    await this.reput.shutdown();
    await this.parts.derivedFlusher.shutdown();
  }

  private closeFiles(): void {
    this.commitLog.segments.close();
    this.consumeQueues.close();
    this.index?.close();
    this.parts.checkpoint.close();
  }
}
