import { connect } from 'node:net';
import { createLogger } from '../common/logger';
import { Connection } from './connection';
import { ProcessorTable } from './processor-table';
import type { RemotingCommand } from './remoting-command';
import { RemotingConnectError } from './remoting-error';

const log = createLogger('remoting-client');

export interface RemotingClientOptions {
  name?: string;
  connectTimeoutMs?: number;
  /** Close a pooled connection with no traffic for this long (upstream: 120 s). */
  idleTimeoutMs?: number;
  /** Runs on every request just before it is sent (Java's client RPC hook, e.g. ACL signing). */
  beforeRequest?: (request: RemotingCommand) => void;
}

/**
 * Client side of the remoting protocol: one pooled connection per "host:port", opened on first use and reopened
 * on the next call after it closes. Requests the server sends us (broker -> client calls such as
 * NOTIFY_CONSUMER_IDS_CHANGED) are dispatched through `processors`.
 */
export class RemotingClient {
  readonly processors = new ProcessorTable();
  private readonly pool = new Map<string, Promise<Connection>>();
  private closed = false;
  private readonly name: string;
  private readonly connectTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly beforeRequest: ((request: RemotingCommand) => void) | undefined;

  constructor(options: RemotingClientOptions = {}) {
    this.name = options.name ?? 'client';
    this.beforeRequest = options.beforeRequest;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  }

  async invoke(address: string, request: RemotingCommand, timeoutMs = 3000): Promise<RemotingCommand> {
    const connection = await this.getConnection(address);
    this.beforeRequest?.(request);
    return connection.invoke(request, timeoutMs);
  }

  async invokeOneway(address: string, request: RemotingCommand): Promise<void> {
    const connection = await this.getConnection(address);
    this.beforeRequest?.(request);
    connection.invokeOneway(request);
  }

  /** Applies `beforeRequest` to a request sent some other way (down a connection the peer opened). */
  prepareRequest(request: RemotingCommand): RemotingCommand {
    this.beforeRequest?.(request);
    return request;
  }

  getConnection(address: string): Promise<Connection> {
    if (this.closed) return Promise.reject(new RemotingConnectError(`${this.name} is closed`));
    const existing = this.pool.get(address);
    if (existing) return existing;
    const opening = this.open(address);
    this.pool.set(address, opening);
    opening.catch(() => {
      if (this.pool.get(address) === opening) this.pool.delete(address);
    });
    return opening;
  }

  /** Addresses with an open (or opening) connection. */
  connectedAddresses(): string[] {
    return [...this.pool.keys()];
  }

  async closeConnection(address: string): Promise<void> {
    const opening = this.pool.get(address);
    this.pool.delete(address);
    if (!opening) return;
    try {
      await (await opening).close();
    } catch {
      // it never opened; nothing to close
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pool.keys()].map((address) => this.closeConnection(address)));
  }

  private open(address: string): Promise<Connection> {
    const { host, port } = parseAddress(address);
    const opening = new Promise<Connection>((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RemotingConnectError(`connect to ${address} timed out after ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new RemotingConnectError(`connect to ${address} failed: ${error.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        const connection = new Connection(socket, this.processors, this.name);
        socket.setTimeout(this.idleTimeoutMs, () => connection.destroy());
        connection.once('close', () => {
          if (this.pool.get(address) === opening) this.pool.delete(address);
          log.debug(`${this.name}: connection to ${address} closed`);
        });
        resolve(connection);
      });
    });
    return opening;
  }
}

export function parseAddress(address: string): { host: string; port: number } {
  const index = address.lastIndexOf(':');
  const port = Number(address.slice(index + 1));
  if (index <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new RemotingConnectError(`invalid address '${address}', expected host:port`);
  }
  const host = address.slice(0, index).replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}
