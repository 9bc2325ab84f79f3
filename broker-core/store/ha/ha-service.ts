import { createServer, type Server } from 'node:net';
import { createLogger } from '../../common/logger';
import type { CommitLog } from '../commit-log';
import { HAConnection, type HAConnectionOptions } from './ha-connection';

const log = createLogger('ha');

export interface HAServiceOptions extends HAConnectionOptions {
  /** A slave further behind than this is "not OK" for SYNC_MASTER (haSlaveFallbehindMax). */
  slaveFallBehindMax: number;
}

export type ReplicaOutcome = 'PUT_OK' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

interface ReplicaWaiter {
  offset: number;
  deadline: number;
  resolve: (outcome: ReplicaOutcome) => void;
}

/**
 * The master's HA service (upstream HAService, spec/ha.md §2-3): accepts slaves on the HA port, streams the commit log
 * to each (ha-connection.ts) and tracks `push2SlaveMaxOffset`, the highest offset any slave acknowledged, for
 * SYNC_MASTER puts: `waitForReplica` resolves PUT_OK once a slave holds the message, FLUSH_SLAVE_TIMEOUT past the
 * deadline, SLAVE_NOT_AVAILABLE at once when no slave is connected or the best one is too far behind.
 */
export class HAService {
  private readonly server: Server;
  private readonly connections = new Set<HAConnection>();
  private waiters: ReplicaWaiter[] = [];
  private deadlineTimer: NodeJS.Timeout | undefined;
  push2SlaveMaxOffset = 0;

  constructor(
    private readonly commitLog: CommitLog,
    private readonly options: HAServiceOptions,
  ) {
    this.server = createServer((socket) => {
      const connection = new HAConnection(socket, commitLog, options, (_, offset) => this.onAck(offset), (closed) => this.connections.delete(closed));
      this.connections.add(connection);
      log.info(`slave connected to the HA port from ${connection.address}`);
    });
  }

  listen(port: number, host?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  get slaveCount(): number {
    return this.connections.size;
  }

  /** The commit log grew: wake every transfer loop. */
  notifyAppended(): void {
    for (const connection of this.connections) connection.wake();
  }

  /** Upstream isSlaveOK: a slave is connected and within haSlaveFallbehindMax of `offset`. */
  isSlaveOK(offset: number): boolean {
    return this.connections.size > 0 && offset - this.push2SlaveMaxOffset < this.options.slaveFallBehindMax;
  }

  /** SYNC_MASTER: resolves once a slave acknowledged `offset` (the end of a message), or with why not. */
  waitForReplica(offset: number, timeoutMs: number): Promise<ReplicaOutcome> {
    if (offset <= this.push2SlaveMaxOffset) return Promise.resolve('PUT_OK');
    if (!this.isSlaveOK(offset)) return Promise.resolve('SLAVE_NOT_AVAILABLE');
    return new Promise((resolve) => {
      this.waiters.push({ offset, deadline: Date.now() + timeoutMs, resolve });
      this.armDeadline();
      this.notifyAppended();
    });
  }

  private onAck(offset: number): void {
    if (offset <= this.push2SlaveMaxOffset) return;
    this.push2SlaveMaxOffset = offset;
    if (this.waiters.length === 0) return;
    const still: ReplicaWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.offset <= offset) waiter.resolve('PUT_OK');
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private armDeadline(): void {
    if (this.deadlineTimer || this.waiters.length === 0) return;
    this.deadlineTimer = setTimeout(() => {
      this.deadlineTimer = undefined;
      const now = Date.now();
      // Waiters are in put order with one timeout, so deadlines ascend.
      while (this.waiters.length > 0 && this.waiters[0].deadline <= now) this.waiters.shift()!.resolve('FLUSH_SLAVE_TIMEOUT');
      this.armDeadline();
    }, Math.max(0, this.waiters[0].deadline - Date.now()));
    this.deadlineTimer.unref();
  }

  async close(): Promise<void> {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    for (const waiter of this.waiters) waiter.resolve('FLUSH_SLAVE_TIMEOUT');
    this.waiters = [];
    for (const connection of [...this.connections]) connection.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
