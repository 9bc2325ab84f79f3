import { createLogger } from '../common/logger';
import type { BrokerContext } from './broker-context';

const log = createLogger('broker');

/**
 * The broker's periodic tasks (upstream's scheduled executors), each on its own unref'd timer:
 *   consumer offsets     every flushConsumerOffsetInterval (5 s): consumerOffset.json when changed
 *   client housekeeping  every clientHousekeepingInterval (10 s): drop clients without a heartbeat for
 *                        channelExpiredTimeout (120 s) and close their connections; sweep expired queue locks
 */
export class BrokerServices {
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly ctx: BrokerContext) {}

  start(): void {
    const { config } = this.ctx;
    this.every(config.flushConsumerOffsetInterval, () => this.persistOffsets());
    this.every(config.clientHousekeepingInterval, () => this.scanClients());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  persistOffsets(force = false): void {
    try {
      this.ctx.offsets.persist(force);
    } catch (error) {
      log.error('persisting consumer offsets failed', error);
    }
  }

  /** Removes clients whose last heartbeat is older than channelExpiredTimeout. */
  scanClients(now = Date.now()): void {
    const { ctx } = this;
    const timeout = ctx.config.channelExpiredTimeout;
    const expired = [
      ...ctx.consumers.scanNotActiveChannel(now, timeout, (group) => this.notifyEnabled(group)),
      ...ctx.producers.scanNotActiveChannel(now, timeout),
    ];
    for (const connection of new Set(expired)) connection.destroy('no heartbeat within channelExpiredTimeout');
    ctx.locks.sweep();
  }

  notifyEnabled(group: string): boolean {
    return this.ctx.config.notifyConsumerIdsChangedEnable && (this.ctx.groups.get(group)?.notifyConsumerIdsChangedEnable ?? true);
  }

  private every(ms: number, task: () => void): void {
    const timer = setInterval(task, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
