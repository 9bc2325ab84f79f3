/**
 * Failures that are the request's fault or the state's, not the cluster's: operator-route.ts answers them 400 / 409
 * with the message (recognised by name, since the error may come from another bundle's copy of this module).
 */
export type RequestErrorKind = 'bad-request' | 'conflict';

const names: Record<RequestErrorKind, string> = { 'bad-request': 'BadRequestError', conflict: 'ConflictError' };

export function requestError(kind: RequestErrorKind, message: string): Error {
  const error = new Error(message);
  error.name = names[kind];
  return error;
}

/** The HTTP status of a request error, or undefined for any other error. */
export function requestErrorStatus(error: unknown): 400 | 409 | undefined {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'BadRequestError' || name === 'NamesrvAddressError') return 400;
  if (name === 'ConflictError' || name === 'ClusterRegistryError') return 409;
  return undefined;
}
