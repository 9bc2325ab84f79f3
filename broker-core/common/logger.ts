/**
 * A small leveled logger for the core. Level from RMQ_LOG_LEVEL (error, warn, info, debug; default info, and warn
 * under test runners so suites stay readable). Output goes to stderr so CLI tools keep stdout for their results.
 */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const levelRank: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

function configuredLevel(): LogLevel {
  const fromEnv = process.env.RMQ_LOG_LEVEL as LogLevel | undefined;
  if (fromEnv && fromEnv in levelRank) return fromEnv;
  return process.env.VITEST ? 'warn' : 'info';
}

export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

export function createLogger(component: string): Logger {
  const write = (level: LogLevel, message: string, details: unknown[]) => {
    if (levelRank[level] > levelRank[configuredLevel()]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${component}] ${message}`;
    const rendered = details.map((detail) => (detail instanceof Error ? detail.stack ?? detail.message : String(detail)));
    process.stderr.write(rendered.length > 0 ? `${line} ${rendered.join(' ')}\n` : `${line}\n`);
  };
  return {
    error: (message, ...details) => write('error', message, details),
    warn: (message, ...details) => write('warn', message, details),
    info: (message, ...details) => write('info', message, details),
    debug: (message, ...details) => write('debug', message, details),
  };
}
