import { createLogger } from '../../common/logger';
import { MessageConst, SystemTopic } from '../../common/message/message-const';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import type { ConfigFile } from '../../store/config-file';
import type { MessageStore } from '../../store/message-store';
import type { MessageArrival } from '../../store/store-types';

const log = createLogger('schedule');

/**
 * Delivery of delayed messages (spec/semantics.md §4, Java `ScheduleMessageService`). The store parks a message with
 * DELAY=<level> in SCHEDULE_TOPIC_XXXX queue level − 1; per level, this service reads that queue from its offset and,
 * once storeTimestamp + delay(level) has passed (or at once if that lies further ahead than the delay itself: the
 * clock went back), re-stores a copy to REAL_TOPIC / REAL_QID without DELAY and with WAIT=false, then advances the
 * level's offset. A put that fails is retried after 100 ms. Delivery is at-least-once: a crash between the put and
 * the next offset write repeats the message.
 *
 * Unlike upstream's fixed 100 ms polling, a level sleeps until its next message is due, or, with its queue drained,
 * until the store reports a new message in it (or 5 s pass). Runs on masters only. Offsets persist to
 * delayOffset.json every flushDelayOffsetInterval and at shutdown.
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
    this.tasks = store.delayLevels.map((delayMs, index) => ({ level: index + 1, delayMs, timer: undefined, running: false, idle: false, wakeRequested: false }));
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
    this.stopped = true;
    clearInterval(this.persistTimer);
    for (const task of this.tasks) clearTimeout(task.timer);
    this.persist(true);
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
    if (!this.dirty && !force) return;
    this.dirty = false;
    try {
      this.file.persist(new Map(this.offsets));
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
        if (!(await this.deliver(message))) return RETRY_DELAY_MS;
        this.setOffset(task.level, result.messageQueueOffsets[i] + 1);
      }
      if (result.nextBeginOffset > (this.offsets.get(task.level) ?? 0)) this.setOffset(task.level, result.nextBeginOffset);
    }
  }

  private async deliver(message: ReturnType<typeof decodeStoredMessage>): Promise<boolean> {
    const realTopic = message.properties.get(MessageConst.REAL_TOPIC);
    const realQueueId = Number.parseInt(message.properties.get(MessageConst.REAL_QUEUE_ID) ?? '', 10);
    if (!realTopic || !Number.isInteger(realQueueId) || realTopic === SystemTopic.TRANS_HALF_TOPIC) {
      log.warn(`dropping delayed message ${message.msgId}: no usable REAL_TOPIC/REAL_QID`);
      return true;
    }
    const properties = new Map(message.properties);
    properties.delete(MessageConst.DELAY_TIME_LEVEL);
    properties.set(MessageConst.WAIT_STORE_MSG_OK, 'false');
    const result = await this.store.putMessage({
      topic: realTopic,
      queueId: realQueueId,
      flag: message.flag,
      body: message.body,
      properties,
      sysFlag: message.sysFlag,
      bornTimestamp: message.bornTimestamp,
      bornHost: message.bornHost,
      reconsumeTimes: message.reconsumeTimes,
      preparedTransactionOffset: message.preparedTransactionOffset,
    });
    if (result.status === 'PUT_OK' || result.status === 'FLUSH_DISK_TIMEOUT') return true;
    log.warn(`delivering delayed message ${message.msgId} to ${realTopic} failed: ${result.status} ${result.remark ?? ''}`);
    return false;
  }

  private setOffset(level: number, offset: number): void {
    if (this.offsets.get(level) === offset) return;
    this.offsets.set(level, offset);
    this.dirty = true;
  }
}
