import { createLogger, type Logger } from '../common/logger';

export interface StopOnSignalsOptions {
  /** A shutdown stuck on a peer must not keep the process alive forever: exit 1 after this long. */
  graceMs: number;
  /** Runs after the shutdown, whether it succeeded or not (e.g. removing a PID file). */
  afterStop?: () => void;
  log?: Logger;
}

/**
 * SIGTERM / SIGINT stop a server process cleanly: shut the server down (flush, persist, unregister), then exit 0,
 * or 1 when shutdown fails or exceeds the grace time. A second signal while stopping exits at once.
 * Shared by mqnamesrv, mqbroker and the console's embedded servers.
 */
export function stopOnSignals(server: { shutdown(): Promise<void> }, options: StopOnSignalsOptions): void {
  const log = options.log ?? createLogger('shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    log.info(`${signal} received, shutting down`);
    setTimeout(() => {
      log.error(`shutdown did not finish within ${options.graceMs / 1000} s; exiting`);
      process.exit(1);
    }, options.graceMs).unref();
    server.shutdown().then(
      () => {
        options.afterStop?.();
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', error);
        options.afterStop?.();
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
