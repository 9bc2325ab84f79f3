import { ResponseCode } from '../../protocol/response-code';
import { RemotingConnectError, RemotingError, RemotingTimeoutError, ResponseCodeError } from '../../remoting/remoting-error';
import { ClientErrorCode, MQClientError } from '../client-error';

/**
 * Which failed sends are tried again on another queue (spec/semantics.md §11, Java `DefaultMQProducer.retryResponseCodes`
 * and `sendDefaultImpl`): transport failures (connect, timeout, closed connection), client failures such as a missing
 * broker address, and the broker codes below. Other codes (SYSTEM_BUSY, MESSAGE_ILLEGAL, ...) fail at once.
 */
export const RETRY_RESPONSE_CODES: ReadonlySet<number> = new Set([
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.NO_PERMISSION,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
]);

export function isRetryableSendError(error: unknown): boolean {
  if (error instanceof ResponseCodeError) return RETRY_RESPONSE_CODES.has(error.code);
  return error instanceof RemotingError || error instanceof MQClientError;
}

/** The code a "send failed after retries" error carries (Java sets the broker's code or a ClientErrorCode). */
export function clientErrorCodeOf(error: unknown): number | undefined {
  if (error instanceof ResponseCodeError) return error.code;
  if (error instanceof RemotingConnectError) return ClientErrorCode.CONNECT_BROKER_EXCEPTION;
  if (error instanceof RemotingTimeoutError) return ClientErrorCode.ACCESS_BROKER_TIMEOUT;
  if (error instanceof MQClientError) return error.responseCode ?? ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION;
  return undefined;
}
