import type { z } from 'zod';
import type { ApiErrorBody } from '../validations/api-error';
import { asResponseCodeError, errorName, isTimeoutError, isTransportError } from './error-kinds';

/**
 * The answers every route handler gives. Failures get a status saying whose fault it was and
 * `{ error, responseCode?, remark? }` carrying the broker's or nameserver's own words:
 *
 *   400 bad params            404 unknown cluster, topic   502 the cluster answered with an error code,
 *   503 console not running   504 the cluster timed out        refused the connection, or sent an unreadable body
 */
export function errorResponse(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  const responseCode = asResponseCodeError(error);
  if (responseCode) {
    // The cluster says the thing asked about does not exist: the caller's 404, with the broker's own words.
    const status = NOT_FOUND_CODES.has(responseCode.code) ? 404 : 502;
    return errorJson(status, { error: responseCode.message, responseCode: responseCode.code, remark: responseCode.remark });
  }
  if (isTimeoutError(error)) return errorJson(504, { error: message });
  if (isTransportError(error)) return errorJson(502, { error: message });
  switch (errorName(error)) {
    case 'UnknownClusterError':
    case 'NotFoundError':
      return errorJson(404, { error: message });
    case 'BodyDecodeError':
    case 'FastjsonSyntaxError':
      return errorJson(502, { error: `unreadable answer from the cluster: ${message}` });
    case 'ConsoleConfigError':
    case 'EmbeddedStartError':
      return errorJson(503, { error: message });
    default:
      return errorJson(500, { error: message });
  }
}

/** 400 with every problem of the request, e.g. "id: cluster id must be ...". */
export function badRequest(error: z.ZodError): Response {
  const problems = error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return errorJson(400, { error: problems.join('; ') });
}

/** 200 with a body no cache may keep: cluster state changes by the second. */
export function okResponse<T>(body: T): Response {
  return Response.json(body, { status: 200, headers: noStore });
}

function errorJson(status: number, body: ApiErrorBody): Response {
  return Response.json(body, { status, headers: noStore });
}

/** TOPIC_NOT_EXIST (17), SUBSCRIPTION_GROUP_NOT_EXIST (26). */
const NOT_FOUND_CODES: ReadonlySet<number> = new Set([17, 26]);

const noStore = { 'cache-control': 'no-store' };
