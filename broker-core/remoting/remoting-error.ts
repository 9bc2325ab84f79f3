import { responseCodeName } from '../protocol/response-code';

/** Transport-level failures, distinct from a response carrying an error code. */
// Names are spelled out (not new.target.name) because bundlers minify class names.
export class RemotingError extends Error {
  constructor(message: string, name = 'RemotingError') {
    super(message);
    this.name = name;
  }
}

export class RemotingTimeoutError extends RemotingError {
  constructor(message: string) {
    super(message, 'RemotingTimeoutError');
  }
}

export class RemotingConnectError extends RemotingError {
  constructor(message: string) {
    super(message, 'RemotingConnectError');
  }
}

export class RemotingSendError extends RemotingError {
  constructor(message: string) {
    super(message, 'RemotingSendError');
  }
}

/** Malformed bytes on the wire: the connection that sent them is closed. */
export class RemotingDecodeError extends RemotingError {
  constructor(message: string) {
    super(message, 'RemotingDecodeError');
  }
}

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
