import { createServer, type Server, type Socket } from 'node:net';
import { EventEmitter } from 'node:events';
import { createLogger } from '../common/logger';
import { Connection } from './connection';
import { ProcessorTable } from './processor-table';

const log = createLogger('remoting-server');

export interface RemotingServerOptions {
  /** Name used in logs, e.g. "namesrv" or "broker". */
  name: string;
  /** Close a connection with no traffic in either direction for this long (upstream: 120 s). */
  idleTimeoutMs?: number;
}

/**
 * A TCP server speaking the remoting protocol. Requests are dispatched through `processors`; the server can also
 * send requests to a connected peer through its Connection (broker -> client calls). Emits 'connection' and
 * 'disconnect' with the Connection.
 */
export class RemotingServer extends EventEmitter {
  readonly processors = new ProcessorTable();
  readonly connections = new Set<Connection>();
  private server: Server | undefined;
  private readonly idleTimeoutMs: number;

  constructor(private readonly options: RemotingServerOptions) {
    super();
    this.idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  }

  /** Listens and resolves with the bound port (pass 0 for a free one). */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', (error) => log.error(`${this.options.name} server error`, error));
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  /** Stops accepting, ends every connection and waits for them to close. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closing = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    await Promise.all([...this.connections].map((connection) => connection.close()));
    await closing;
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket, this.processors, this.options.name);
    this.connections.add(connection);
    socket.setTimeout(this.idleTimeoutMs, () => connection.destroy(`idle for ${this.idleTimeoutMs} ms`));
    connection.once('close', () => {
      this.connections.delete(connection);
      this.emit('disconnect', connection);
    });
    this.emit('connection', connection);
  }
}
