import { createLogger } from '../../common/logger';
import { SystemTopic } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { ConfigFile } from '../../store/config-file';
import type { MessageStore } from '../../store/message-store';
import type { MessageArrival } from '../../store/store-types';
import { alreadyDelivered, deliveredMessage } from './delayed-delivery';

const log = createLogger('schedule');

/**
 * Delivery of delayed messages (spec/semantics.md §4, Java `ScheduleMessageService`). The store parks a message with
 * DELAY=<level> in SCHEDULE_TOPIC_XXXX queue level − 1; per level, this service reads that queue from its offset and,
 * once storeTimestamp + delay(level) has passed (or at once if that lies further ahead than the delay itself: the
 * clock went back), re-stores a copy to REAL_TOPIC / REAL_QID without DELAY and with WAIT=false
 * (delayed-delivery.ts), then advances the level's offset. A put that fails is retried after 100 ms.
 *
 * Unlike upstream's fixed 100 ms polling, a level sleeps until its next message is due, or, with its queue drained,
 * until the store reports a new message in it (or 5 s pass). Runs on masters only.
 *
 * Guarantee across restarts: delayOffset.json is written after every delivery round (≤ 32 messages of one level),
 * every flushDelayOffsetInterval and at shutdown, so a clean restart neither loses nor repeats a delivery. After a
 * crash the file may lag by the round in flight; so after every start, each level checks the messages it is about
 * to deliver against the index (topic#UNIQ_KEY in the real topic, stored after the scheduled record) until the first
 * one not yet delivered, and skips the copies already there. A repeat remains possible only when the index is
 * disabled (messageIndexEnable=false) or lost the entry. Nothing is skipped: a level's offset only moves past a
 * message after its put succeeded.
 */
const RETRY_DELAY_MS = 100;
const IDLE_RECHECK_MS = 5000;
const FIRST_RUN_MS = 1000;
const SCHEDULE_GROUP = 'SCHEDULE_CONSUMER';

interface LevelTask {
  level: number;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  idle: boolean;
  /** A message arrived while the level was running: run again at once. */
  wakeRequested: boolean;
  /** Since start, no message of this level was found undelivered yet: check the index before each put. */
  verifying: boolean;
}

export class ScheduleMessageService {
  private readonly offsets = new Map<number, number>();
  private readonly tasks: LevelTask[];
  private persistTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private dirty = false;

  constructor(
    private readonly store: MessageStore,
    private readonly file: ConfigFile<Map<number, number>>,
    private readonly flushIntervalMs: () => number,
  ) {
    this.tasks = store.delayLevels.map((delayMs, index) => ({ level: index + 1, delayMs, timer: undefined, running: false, idle: false, wakeRequested: false, verifying: true }));
  }

  /** Loads delayOffset.json and corrects each offset into the queue's [min, max]. */
  load(): void {
    for (const [level, offset] of this.file.load()) this.offsets.set(level, offset);
    for (const task of this.tasks) {
      const queueId = task.level - 1;
      const min = this.store.getMinOffsetInQueue(SystemTopic.SCHEDULE_TOPIC, queueId);
      const max = this.store.getMaxOffsetInQueue(SystemTopic.SCHEDULE_TOPIC, queueId);
      const offset = this.offsets.get(task.level) ?? 0;
      const corrected = Math.min(Math.max(offset, min), max);
      if (corrected !== offset && this.offsets.has(task.level)) log.warn(`delay level ${task.level}: offset ${offset} corrected to ${corrected}`);
      if (this.offsets.has(task.level) || corrected !== 0) this.offsets.set(task.level, corrected);
    }
  }

  start(): void {
    this.stopped = false;
    for (const task of this.tasks) this.schedule(task, FIRST_RUN_MS);
    this.persistTimer = setInterval(() => this.persist(), this.flushIntervalMs());
    this.persistTimer.unref();
  }

  shutdown(): void {
    // Only a started service (a master's) owns delayOffset.json; on a slave SlaveSynchronize writes it, and the
    // offsets loaded at start would overwrite the master's newer ones (upstream persists on stop only if started).
    const started = !this.stopped;
    this.stopped = true;
    clearInterval(this.persistTimer);
    for (const task of this.tasks) clearTimeout(task.timer);
    if (started) this.persist(true);
  }

  /** The store's arriving listener: wakes the level whose queue got a message. */
  onMessageArriving(arrival: MessageArrival): void {
    if (arrival.topic !== SystemTopic.SCHEDULE_TOPIC) return;
    const task = this.tasks[arrival.queueId];
    if (!task) return;
    if (task.running) task.wakeRequested = true;
    else if (task.idle) this.schedule(task, 0);
  }

  /** level -> next offset to deliver. */
  delayOffsets(): Map<number, number> {
    return new Map(this.offsets);
  }

  /** `scheduleMessageOffset_<level>` = "delivered,max" for GET_BROKER_RUNTIME_INFO. */
  runtimeInfo(): Record<string, string> {
    const info: Record<string, string> = {};
    for (const task of this.tasks) {
      const max = this.store.getMaxOffsetInQueue(SystemTopic.SCHEDULE_TOPIC, task.level - 1);
      info[`scheduleMessageOffset_${task.level}`] = `${this.offsets.get(task.level) ?? 0},${max}`;
    }
    return info;
  }

  persist(force = false): void {
    // After shutdown only the forced write counts (a round finishing late finds its copies in the index at restart).
    if ((!this.dirty || this.stopped) && !force) return;
    try {
      this.file.persist(new Map(this.offsets));
      // Cleared only once written, so a failed write is retried by the next round or flush.
      this.dirty = false;
    } catch (error) {
      log.error('persisting delayOffset.json failed', error);
    }
  }

  private schedule(task: LevelTask, ms: number): void {
    if (this.stopped) return;
    clearTimeout(task.timer);
    task.timer = setTimeout(() => void this.run(task), ms);
    task.timer.unref();
  }

  private async run(task: LevelTask): Promise<void> {
    if (this.stopped || task.running) return;
    task.running = true;
    task.idle = false;
    task.wakeRequested = false;
    let next = IDLE_RECHECK_MS;
    try {
      next = await this.deliverDue(task);
    } catch (error) {
      log.warn(`delay level ${task.level}: delivery failed, retrying`, error);
      next = 10_000;
    } finally {
      task.running = false;
      this.persist();
    }
    this.schedule(task, task.wakeRequested && task.idle ? 0 : next);
  }

  /** Delivers what is due; returns how long to wait before the next round. */
  private async deliverDue(task: LevelTask): Promise<number> {
    const queueId = task.level - 1;
    for (;;) {
      const offset = this.offsets.get(task.level) ?? 0;
      const result = await this.store.getMessage(SCHEDULE_GROUP, SystemTopic.SCHEDULE_TOPIC, queueId, offset, 32);
      if (result.status !== 'FOUND') {
        if (result.status === 'OFFSET_OVERFLOW_ONE' || result.status === 'NO_MESSAGE_IN_QUEUE' || result.status === 'NO_MATCHED_LOGIC_QUEUE') {
          task.idle = true;
          return IDLE_RECHECK_MS;
        }
        this.setOffset(task.level, result.nextBeginOffset);
        if (result.nextBeginOffset === offset) return RETRY_DELAY_MS;
        continue;
      }
      for (let i = 0; i < result.messages.length; i++) {
        const message = decodeStoredMessage(result.messages[i]);
        const now = Date.now();
        let deliverAt = message.storeTimestamp + task.delayMs;
        if (deliverAt > now + task.delayMs) deliverAt = now;
        if (deliverAt > now) return deliverAt - now;
        if (!(await this.deliver(task, message))) return RETRY_DELAY_MS;
        this.setOffset(task.level, result.messageQueueOffsets[i] + 1);
      }
      if (result.nextBeginOffset > (this.offsets.get(task.level) ?? 0)) this.setOffset(task.level, result.nextBeginOffset);
      // A batch is delivered: record it before the next, so a crash repeats at most one batch.
      this.persist();
    }
  }

  /** Stores the due message in its real topic; false when the put failed (retry later). */
  private async deliver(task: LevelTask, scheduled: MessageExt): Promise<boolean> {
    const message = deliveredMessage(scheduled);
    if (!message) {
      log.warn(`dropping delayed message ${scheduled.msgId}: no usable REAL_TOPIC/REAL_QID`);
      return true;
    }
    if (task.verifying) {
      if (await alreadyDelivered(this.store, scheduled)) {
        log.info(`delayed message ${scheduled.msgId} (level ${task.level}) was delivered before the restart; skipping it`);
        return true;
      }
      task.verifying = false;
    }
    const result = await this.store.putMessage(message);
    if (result.status === 'PUT_OK' || result.status === 'FLUSH_DISK_TIMEOUT') return true;
    log.warn(`delivering delayed message ${scheduled.msgId} to ${message.topic} failed: ${result.status} ${result.remark ?? ''}`);
    return false;
  }

  private setOffset(level: number, offset: number): void {
    if (this.offsets.get(level) === offset) return;
    this.offsets.set(level, offset);
    this.dirty = true;
  }
}
