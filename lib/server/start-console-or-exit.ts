import { getConsoleServer } from './console-server';

/**
 * instrumentation.ts's Node.js half. getConsoleServer keeps its instance on globalThis, so hot reload or a second
 * call never starts a second nameserver. If the console cannot start (bad environment variable, port taken) the
 * process exits with the reason: Next would otherwise keep running and answer every request with a bare 500.
 */
export async function startConsoleOrExit(): Promise<void> {
  try {
    const server = await getConsoleServer();
    stopOnSignals(server);
  } catch (error) {
    process.stderr.write(`\n✖ the console cannot start: ${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}

/**
 * With NEXT_MANUAL_SIG_HANDLE set (scripts/start.mjs sets it) Next leaves SIGINT/SIGTERM to us: stop the embedded
 * servers (broker flushes and persists offsets, unregisters; nameserver closes) and then exit. A second signal, or
 * a shutdown that hangs for 15 s, exits at once.
 */
function stopOnSignals(server: { shutdown(): Promise<void> }): void {
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    server.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
