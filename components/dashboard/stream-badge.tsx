'use client';

import { Badge } from '@/components/ui/badge';
import type { StreamState } from '@/lib/api/metrics';
import { useText } from '@/lib/i18n/i18n-provider';

/** Whether live samples are arriving: the SSE connection's state. */
export function StreamBadge({ state }: { state: StreamState }) {
  const t = useText('dashboard');
  return (
    <Badge tone={state === 'open' ? 'success' : 'warning'} data-testid="stream-state" data-state={state}>
      {t.stream[state]}
    </Badge>
  );
}
