import { requestCodeName } from '../protocol/request-code';
import { ResponseCode } from '../protocol/response-code';
import type { RemotingClient } from '../remoting/remoting-client';
import { createRequest, type RemotingCommand, type RequestOptions } from '../remoting/remoting-command';
import { ResponseCodeError } from '../remoting/remoting-error';

/**
 * One request to one server (broker or nameserver) that must succeed: an answer with another code than SUCCESS (or
 * one of `accepted`) becomes a ResponseCodeError carrying the server's code and remark, prefixed with the request
 * name and address so a failure says where it happened. Transport failures pass through as RemotingError.
 */
export async function invokeChecked(
  remoting: RemotingClient,
  addr: string,
  code: number,
  options: RequestOptions = {},
  timeoutMs = 3000,
  accepted: readonly number[] = [],
): Promise<RemotingCommand> {
  const response = await remoting.invoke(addr, createRequest(code, options), timeoutMs);
  return checkResponse(response, code, addr, accepted);
}

export function checkResponse(
  response: RemotingCommand,
  code: number,
  addr: string,
  accepted: readonly number[] = [],
): RemotingCommand {
  if (response.code === ResponseCode.SUCCESS || accepted.includes(response.code)) return response;
  throw new ResponseCodeError(response.code, response.remark, `${requestCodeName(code)} to ${addr}`);
}

/** Sends a request marked oneway: no answer comes back, errors only when the connection cannot be used. */
export async function invokeOneway(remoting: RemotingClient, addr: string, code: number, options: RequestOptions = {}): Promise<void> {
  await remoting.invokeOneway(addr, createRequest(code, options));
}
