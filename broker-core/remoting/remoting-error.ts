import { responseCodeName } from '../protocol/response-code';

/** Transport-level failures, distinct from a response carrying an error code. */
export class RemotingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class RemotingTimeoutError extends RemotingError {}
export class RemotingConnectError extends RemotingError {}
export class RemotingSendError extends RemotingError {}

/** Malformed bytes on the wire: the connection that sent them is closed. */
export class RemotingDecodeError extends RemotingError {}

/** A response whose code says the request failed; carries the peer's code and remark. */
export class ResponseCodeError extends Error {
  constructor(
    readonly code: number,
    readonly remark: string | undefined,
    context?: string,
  ) {
    super(`${context ? `${context}: ` : ''}${responseCodeName(code)} (${code})${remark ? `: ${remark}` : ''}`);
    this.name = 'ResponseCodeError';
  }
}
