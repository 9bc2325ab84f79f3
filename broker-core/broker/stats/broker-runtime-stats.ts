import type { MessageStore } from '../../store/message-store';

/**
 * Daily message totals for GET_BROKER_RUNTIME_INFO (Java `BrokerStats`): msg{Put,Get}TotalTodayNow are the
 * running totals since boot; at every local midnight TodayMorning moves to YesterdayMorning and takes the current
 * total, so "today" = Now − TodayMorning.
 */
export class BrokerRuntimeStats {
  msgPutTotalYesterdayMorning = 0;
  msgPutTotalTodayMorning = 0;
  msgGetTotalYesterdayMorning = 0;
  msgGetTotalTodayMorning = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: MessageStore) {}

  get msgPutTotalTodayNow(): number {
    return this.store.stats.putMessageTimesTotal;
  }

  get msgGetTotalTodayNow(): number {
    return this.store.stats.getMessageTransferredMsgCount;
  }

  record(): void {
    this.msgPutTotalYesterdayMorning = this.msgPutTotalTodayMorning;
    this.msgGetTotalYesterdayMorning = this.msgGetTotalTodayMorning;
    this.msgPutTotalTodayMorning = this.msgPutTotalTodayNow;
    this.msgGetTotalTodayMorning = this.msgGetTotalTodayNow;
  }

  start(): void {
    const scheduleNext = () => {
      const now = new Date();
      const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
      this.timer = setTimeout(() => {
        this.record();
        scheduleNext();
      }, midnight - now.getTime());
      this.timer.unref();
    };
    scheduleNext();
  }

  shutdown(): void {
    clearTimeout(this.timer);
  }
}
