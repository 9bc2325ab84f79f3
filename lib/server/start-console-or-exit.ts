import { stopOnSignals } from '../../broker-core/cli/stop-on-signals';
import { getConsoleServer } from './console-server';

/**
 * instrumentation.ts's Node.js half. getConsoleServer keeps its instance on globalThis, so hot reload or a second
 * call never starts a second nameserver. If the console cannot start (bad environment variable, port taken) the
 * process exits with the reason: Next would otherwise keep running and answer every request with a bare 500.
 */
export async function startConsoleOrExit(): Promise<void> {
  try {
    const server = await getConsoleServer();
    // scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE so that Next leaves SIGINT/SIGTERM to us and the embedded broker
    // can flush, persist offsets and unregister before the process exits.
    if (process.env.NEXT_MANUAL_SIG_HANDLE) stopOnSignals(server, { graceMs: 15_000 });
  } catch (error) {
    process.stderr.write(`\n✖ the console cannot start: ${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}

