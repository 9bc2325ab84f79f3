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
/**
 * Commands gathered per writev. Uncapped, a whole commit-log group of answers left together and the peer sat idle
 * until the last was encoded; 16 kept the same CPU saving (~12% per message at the broker) with the pipeline flowing.
 */
const MAX_CORKED_WRITES = 16;

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
  /** Writes of this tick are being gathered (see `write`). */
  private corked = false;
  private corkedWrites = 0;
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

  /**
   * Writes a command as is (header and body as separate buffers, so the body is not copied). The socket stays corked
   * until the current tick's callbacks and promise continuations have run (or MAX_CORKED_WRITES commands), so the
   * answers of a commit-log group, or the sends started by a batch of responses, share a writev instead of one
   * syscall each.
   */
  write(command: RemotingCommand): void {
    if (this.closedFlag || this.socket.destroyed) throw new RemotingSendError(`connection to ${this.remoteAddress} is closed`);
    const [head, body] = encodeCommandParts(command);
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.socket.write(head);
    if (body) this.socket.write(body);
    if (++this.corkedWrites >= MAX_CORKED_WRITES) {
      this.corkedWrites = 0;
      this.socket.uncork();
      this.socket.cork();
    }
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.corkedWrites = 0;
    this.socket.uncork();
  };

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
