/**
 * Classifies errors by name rather than `instanceof`: the shared RemotingClient may come from another bundle's copy
 * of broker-core (see process-singleton.ts), so its error classes are not this bundle's classes.
 */
const transportErrorNames = new Set(['RemotingError', 'RemotingConnectError', 'RemotingTimeoutError', 'RemotingSendError', 'RemotingDecodeError']);

export function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** No usable answer from the peer: refused, timed out, connection lost. */
export function isTransportError(error: unknown): boolean {
  const name = errorName(error);
  return name !== undefined && transportErrorNames.has(name);
}

export function isTimeoutError(error: unknown): boolean {
  return errorName(error) === 'RemotingTimeoutError';
}

/** A RocketMQ answer with an error code; carries the peer's code and remark. */
export function asResponseCodeError(error: unknown): { code: number; remark: string | undefined; message: string } | undefined {
  if (errorName(error) !== 'ResponseCodeError') return undefined;
  const { code, remark, message } = error as Error & { code: number; remark?: string };
  return { code, remark, message };
}
