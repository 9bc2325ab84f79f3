/**
 * Failures raised by the client itself (bad argument, no route, retries exhausted), as opposed to an answer carrying
 * an error code (`ResponseCodeError` from remoting) or a transport failure (`RemotingError`). `responseCode` carries
 * the broker's code when the last attempt failed with one, or one of Java's `ClientErrorCode` values.
 */
export const ClientErrorCode = {
  CONNECT_BROKER_EXCEPTION: 10001,
  ACCESS_BROKER_TIMEOUT: 10002,
  BROKER_NOT_EXIST_EXCEPTION: 10003,
  NO_NAME_SERVER_EXCEPTION: 10004,
  NOT_FOUND_TOPIC_EXCEPTION: 10005,
  REQUEST_TIMEOUT_EXCEPTION: 10006,
  CREATE_REPLY_MESSAGE_EXCEPTION: 10007,
} as const;

export class MQClientError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MQClientError';
  }
}
