/**
 * A Server-Sent Events response (text/event-stream): `send(event, data)` writes one event, a comment line every
 * `heartbeatMs` keeps proxies and the browser from closing an idle stream, and everything stops when the client goes
 * away (request aborted or stream cancelled): `cleanup` runs exactly once.
 *
 *   event: sample\n
 *   data: {"clusterId":"embedded",...}\n
 *   \n
 */
export type SendEvent = (event: string, data: unknown) => void;

export interface SseOptions {
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Client reconnect delay the browser's EventSource should use. */
  retryMs?: number;
  /** Called once the stream is open; returns the cleanup (unsubscribe). */
  start(send: SendEvent): () => void;
}

export function sseResponse({ signal, heartbeatMs = 15_000, retryMs = 3000, start }: SseOptions): Response {
  const encoder = new TextEncoder();
  let finish: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish?.();
        }
      };
      const send: SendEvent = (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      write(`retry: ${retryMs}\n\n`);
      const heartbeat = setInterval(() => write(`: ping ${Date.now()}\n\n`), heartbeatMs);
      const started: { cleanup?: () => void } = {};
      finish = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        signal.removeEventListener('abort', finishOnAbort);
        started.cleanup?.();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      const finishOnAbort = () => finish?.();
      if (signal.aborted) return finish();
      signal.addEventListener('abort', finishOnAbort);
      started.cleanup = start(send);
      if (!open) started.cleanup(); // the client left while start() ran
    },
    cancel() {
      finish?.();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
