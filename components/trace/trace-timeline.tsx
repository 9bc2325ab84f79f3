'use client';

import { useFormat, useText } from '@/lib/i18n/i18n-provider';
import { cn } from '@/lib/class-names';
import type { MessageTraceView } from '@/lib/validations/message-query';

/**
 * The trace drawn on one time axis: the publish (from the send time for its cost), then each delivery to a group
 * (begin to end), coloured by outcome. Bars are at least a few pixels wide so a 1 ms step stays visible.
 */
interface Bar {
  key: string;
  label: string;
  host: string;
  start: number;
  end: number;
  status: 'success' | 'failed' | 'unknown';
  detail: string;
}

const statusClasses = { success: 'bg-success', failed: 'bg-danger', unknown: 'bg-warning' };

export function TraceTimeline({ trace }: { trace: MessageTraceView }) {
  const t = useText('trace');
  const format = useFormat();
  const bars: Bar[] = [];
  if (trace.pub) {
    bars.push({ key: 'pub', label: t.publish, host: trace.pub.clientHost, start: trace.pub.timestamp, end: trace.pub.timestamp + trace.pub.costTime, status: trace.pub.status, detail: t.costMs(format.number(trace.pub.costTime)) });
  }
  trace.consumes.forEach((consume, index) => {
    bars.push({
      key: `consume-${index}`,
      label: t.consume(consume.groupName ?? t.unknownGroup),
      host: consume.clientHost,
      start: consume.beginTimestamp,
      end: consume.endTimestamp ?? consume.beginTimestamp + (consume.costTime ?? 0),
      status: consume.status,
      detail: `${t.status[consume.status]}${consume.costTime !== undefined ? ` · ${t.costMs(format.number(consume.costTime))}` : ''}${consume.retryTimes > 0 ? ` · ${t.retryTimes(consume.retryTimes)}` : ''}`,
    });
  });
  trace.endTransactions.forEach((event, index) => {
    bars.push({ key: `end-${index}`, label: t.endTransaction, host: event.clientHost, start: event.timestamp, end: event.timestamp, status: event.status, detail: event.transactionState ?? '' });
  });
  if (bars.length === 0) return null;
  const first = Math.min(...bars.map((bar) => bar.start));
  const last = Math.max(...bars.map((bar) => bar.end));
  const span = Math.max(1, last - first);
  return (
    <div data-testid="trace-timeline" className="space-y-2">
      <div className="flex justify-between text-xs text-muted tabular-nums">
        <span>{format.dateTime(first)}</span>
        <span>+{format.number(span)} ms</span>
      </div>
      {bars.map((bar) => {
        const left = ((bar.start - first) / span) * 100;
        const width = Math.max(((bar.end - bar.start) / span) * 100, 0.8);
        return (
          <div key={bar.key} className="grid grid-cols-[16rem_1fr] items-center gap-3" data-testid="trace-bar" data-status={bar.status} data-kind={bar.key.split('-')[0]}>
            <div className="min-w-0 text-sm">
              <p className="truncate font-medium" data-testid="trace-bar-label">
                {bar.label}
              </p>
              <p className="truncate font-mono text-xs text-muted">
                {bar.host} · +{format.number(bar.start - first)} ms
              </p>
            </div>
            <div className="relative h-6 rounded bg-surface-muted">
              <div className={cn('absolute top-1 h-4 rounded', statusClasses[bar.status])} style={{ left: `${Math.min(left, 99.2)}%`, width: `${width}%` }} title={bar.detail} />
              <span className="absolute top-0.5 right-1 text-xs text-muted">{bar.detail}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
