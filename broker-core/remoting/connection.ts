import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { createLogger } from '../common/logger';
import { decodeCommand, encodeCommandParts } from './command-codec';
import { FrameDecoder } from './frame-decoder';
import type { ProcessorTable } from './processor-table';
import {
  isOneway,
  isResponse,
  ONEWAY_FLAG,
  RESPONSE_FLAG,
  type RemotingCommand,
} from './remoting-command';
import { RemotingConnectError, RemotingDecodeError, RemotingSendError, RemotingTimeoutError } from './remoting-error';

const log = createLogger('remoting');

interface PendingRequest {
  resolve(response: RemotingCommand): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One TCP connection speaking the remoting protocol, used by servers and clients alike: both sides may send
 * requests on it (spec/remoting.md §1). Responses are matched to requests by opaque. Incoming requests go to the
 * processor table; their answers are written back with the request's opaque and serialization.
 *
 * Malformed input (bad length, bad header) closes this connection only, with every pending request failed.
 */
export class Connection extends EventEmitter {
  readonly remoteAddress: string;
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<number, PendingRequest>();
  private closedFlag = false;
  /** Set by whoever owns the connection (e.g. the broker's client registry) to find it again. */
  readonly attributes = new Map<string, unknown>();

  constructor(
    readonly socket: Socket,
    private readonly processors: ProcessorTable | undefined,
    readonly name: string,
  ) {
    super();
    this.remoteAddress = `${socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown'}:${socket.remotePort ?? 0}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => log.debug(`${this.name} connection ${this.remoteAddress} error: ${error.message}`));
    socket.on('close', () => this.onClose());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get localAddress(): string {
    return `${this.socket.localAddress?.replace(/^::ffff:/, '') ?? 'unknown'}:${this.socket.localPort ?? 0}`;
  }

  /** Sends a request and resolves with its response, or rejects after timeoutMs. */
  invoke(request: RemotingCommand, timeoutMs: number): Promise<RemotingCommand> {
    if (this.closedFlag) return Promise.reject(new RemotingConnectError(`connection to ${this.remoteAddress} is closed`));
    return new Promise((resolve, reject) => {
      const opaque = request.opaque;
      const timer = setTimeout(() => {
        this.pending.delete(opaque);
        reject(new RemotingTimeoutError(`request ${request.code} to ${this.remoteAddress} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(opaque, { resolve, reject, timer });
      try {
        this.write(request);
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(opaque);
        reject(error instanceof Error ? error : new RemotingSendError(String(error)));
      }
    });
  }

  /** Sends a request marked oneway; the peer never answers it. */
  invokeOneway(request: RemotingCommand): void {
    if (this.closedFlag) throw new RemotingConnectError(`connection to ${this.remoteAddress} is closed`);
    this.write({ ...request, flag: request.flag | ONEWAY_FLAG });
  }

  /** Writes a command as is (header and body as separate writes, so the body is not copied). */
  write(command: RemotingCommand): void {
    if (this.closedFlag || this.socket.destroyed) throw new RemotingSendError(`connection to ${this.remoteAddress} is closed`);
    const [head, body] = encodeCommandParts(command);
    if (body) {
      this.socket.cork();
      this.socket.write(head);
      this.socket.write(body);
      this.socket.uncork();
    } else {
      this.socket.write(head);
    }
  }

  /** Closes gracefully: lets written data go out, then ends. Pending requests fail. */
  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1000).unref();
    });
  }

  destroy(reason?: string): void {
    if (reason) log.warn(`${this.name}: closing connection ${this.remoteAddress}: ${reason}`);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.destroy((error as Error).message);
      return;
    }
    for (const frame of frames) {
      let command: RemotingCommand;
      try {
        command = decodeCommand(frame);
      } catch (error) {
        this.destroy(error instanceof RemotingDecodeError ? error.message : `undecodable frame: ${String(error)}`);
        return;
      }
      if (isResponse(command)) this.onResponse(command);
      else void this.onRequest(command);
    }
  }

  private onResponse(response: RemotingCommand): void {
    const pending = this.pending.get(response.opaque);
    if (!pending) {
      log.debug(`${this.name}: dropping unmatched response opaque=${response.opaque} from ${this.remoteAddress}`);
      return;
    }
    this.pending.delete(response.opaque);
    clearTimeout(pending.timer);
    pending.resolve(response);
  }

  private async onRequest(request: RemotingCommand): Promise<void> {
    if (!this.processors) return;
    const response = await this.processors.dispatch(request, this);
    if (!response || isOneway(request) || this.closedFlag) return;
    try {
      this.write({ ...response, opaque: request.opaque, flag: response.flag | RESPONSE_FLAG });
    } catch (error) {
      log.debug(`${this.name}: could not answer ${this.remoteAddress}: ${(error as Error).message}`);
    }
  }

  private onClose(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const [opaque, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new RemotingConnectError(`connection to ${this.remoteAddress} closed before response ${opaque}`));
    }
    this.pending.clear();
    this.emit('close');
  }
}
