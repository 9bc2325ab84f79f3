import { createLogger } from '../common/logger';
import { requestCodeName } from '../protocol/request-code';
import { ResponseCode } from '../protocol/response-code';
import type { Connection } from './connection';
import { ResponseCodeError } from './remoting-error';
import { createResponse, type RemotingCommand } from './remoting-command';

const log = createLogger('remoting');

/**
 * A request handler. Returning a command sends it as the response (its opaque and flags are fixed up by the caller);
 * returning null sends nothing (oneway-style). Handlers may take their time: a held long-poll just resolves later.
 * Throwing ResponseCodeError answers with that code and remark; any other error answers SYSTEM_ERROR.
 */
export type RequestHandler = (
  request: RemotingCommand,
  connection: Connection,
) => Promise<RemotingCommand | null | undefined> | RemotingCommand | null | undefined;

/**
 * Runs before every handler (Java's server RPC hook, e.g. the ACL validator); throwing answers the request the way a
 * handler's error would, and the handler does not run.
 */
export type RequestHook = (request: RemotingCommand, connection: Connection) => void;

/** Maps request codes to handlers: the single wiring table of a server or client. */
export class ProcessorTable {
  private readonly handlers = new Map<number, RequestHandler>();
  private requestHook: RequestHook | undefined;

  setRequestHook(hook: RequestHook | undefined): this {
    this.requestHook = hook;
    return this;
  }

  register(code: number, handler: RequestHandler): this {
    this.handlers.set(code, handler);
    return this;
  }

  registerAll(handlers: ReadonlyMap<number, RequestHandler> | Record<number, RequestHandler>): this {
    const entries = handlers instanceof Map ? handlers.entries() : Object.entries(handlers);
    for (const [code, handler] of entries) this.register(Number(code), handler as RequestHandler);
    return this;
  }

  has(code: number): boolean {
    return this.handlers.has(code);
  }

  /** Runs the handler for a request and always produces an answer (unless the handler chose none). */
  async dispatch(request: RemotingCommand, connection: Connection): Promise<RemotingCommand | null> {
    const handler = this.handlers.get(request.code);
    if (!handler) {
      return createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, {
        remark: ` request type ${request.code} not supported`,
      });
    }
    try {
      this.requestHook?.(request, connection);
      return (await handler(request, connection)) ?? null;
    } catch (error) {
      if (error instanceof ResponseCodeError) {
        return createResponse(request, error.code, { remark: error.remark });
      }
      log.warn(`handler for ${requestCodeName(request.code)} from ${connection.remoteAddress} failed`, error);
      return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: String(error) });
    }
  }
}
