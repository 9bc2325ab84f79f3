import { describe, expect, it } from 'vitest';
import { sseResponse } from './sse';

describe('SSE response', () => {
  it('streams events in text/event-stream framing and cleans up once when the client aborts', async () => {
    const abort = new AbortController();
    let cleanups = 0;
    let send: ((event: string, data: unknown) => void) | undefined;
    const response = sseResponse({
      signal: abort.signal,
      heartbeatMs: 20,
      start(sendEvent) {
        send = sendEvent;
        sendEvent('hello', { intervalMs: 5000 });
        return () => (cleanups += 1);
      },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': ping')) text += decoder.decode((await reader.read()).value);
    send?.('sample', { putTps: 1.5, note: '<b>x</b>' });
    while (!text.includes('event: sample')) text += decoder.decode((await reader.read()).value);
    expect(text).toContain('retry: 3000\n\n');
    expect(text).toContain('event: hello\ndata: {"intervalMs":5000}\n\n');
    expect(text).toContain('event: sample\ndata: {"putTps":1.5,"note":"<b>x</b>"}\n\n');
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    abort.abort();
    expect(cleanups).toBe(1);
  });
});
