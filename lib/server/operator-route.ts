import type { z } from 'zod';
import { badRequest, errorResponse } from './api-response';
import { getConsoleServer, type ConsoleServer } from './console-server';
import { requestErrorStatus } from './request-errors';

/**
 * The shape of every route handler of the Consumers, Messages, Dead letters, Trace and Ops APIs: read and validate
 * the input (400 with zod's messages), run one operation on the console server, answer with api-response.ts's
 * statuses. The request's own faults and refused state changes (request-errors.ts) are 400 and 409.
 */
export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): Parsed<z.output<Schema>> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return parsed(schema.safeParse(params));
}

export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<Parsed<z.output<Schema>>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: Response.json({ error: 'the request body must be JSON' }, { status: 400, headers: noStore }) };
  }
  return parsed(schema.safeParse(body));
}

/** Path params (Next gives them as a promise), checked like the rest. */
export async function readParams<Schema extends z.ZodType>(params: Promise<unknown>, schema: Schema): Promise<Parsed<z.output<Schema>>> {
  return parsed(schema.safeParse(await params));
}

export async function respond(operation: (server: ConsoleServer) => Promise<Response>): Promise<Response> {
  try {
    return await operation(await getConsoleServer());
  } catch (error) {
    const status = requestErrorStatus(error);
    if (status) return Response.json({ error: (error as Error).message }, { status, headers: noStore });
    return errorResponse(error);
  }
}

function parsed<T>(result: z.ZodSafeParseResult<T>): Parsed<T> {
  return result.success ? { ok: true, data: result.data } : { ok: false, response: badRequest(result.error) };
}

const noStore = { 'cache-control': 'no-store' };
