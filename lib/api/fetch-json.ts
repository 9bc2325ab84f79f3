import type { z } from 'zod';
import { apiErrorSchema } from '../validations/api-error';

/**
 * Call a console API and check the body against its schema. Any non-OK status throws ApiError with the server's
 * message (a broker's remark included), so a failure never renders as an empty list; so does a body of the wrong
 * shape.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(url, { headers: { accept: 'application/json' }, cache: 'no-store', signal }, schema);
}

/** POST / PUT / DELETE a JSON body; the answer is checked like fetchJson's (ApiError with the server's message). */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body: unknown, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  return requestJson(url, { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store', signal }, schema);
}

async function requestJson<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`the console server did not answer (${(error as Error).message})`, 0);
  }
  const text = await response.text();
  const payload = parseJson(text);
  if (!response.ok) {
    const problem = apiErrorSchema.safeParse(payload);
    if (problem.success) throw new ApiError(problem.data.error, response.status, problem.data.responseCode);
    throw new ApiError(`${response.status} ${response.statusText}${text ? `: ${text.slice(0, 300)}` : ''}`, response.status);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new ApiError(`unexpected answer from ${url}: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`, response.status);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
