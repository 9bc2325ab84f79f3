import type { Socket } from 'node:net';
import { createLogger } from '../../common/logger';
import type { CommitLog } from '../commit-log';
import { encodeTransferHeader, lastReport } from './ha-format';

const log = createLogger('ha');

export interface HAConnectionOptions {
  /** Idle time after which a heartbeat frame is sent (haSendHeartbeatInterval). */
  heartbeatIntervalMs: number;
  /** A slave silent this long is dropped (haHousekeepingInterval). */
  housekeepingIntervalMs: number;
  /** Largest body per frame (haTransferBatchSize). */
  transferBatchSize: number;
}

/**
 * The master's side of one slave connection (upstream HAConnection, spec/ha.md §2): reads the slave's offset
 * reports and streams the commit log to it from where the first report asked. One transfer loop per connection; it
 * waits for socket drain, so a slow slave never makes the master buffer more than one frame.
 */
export class HAConnection {
  /** Where the slave asked to start (-1 until its first report). */
  private requestOffset = -1;
  /** Highest offset the slave has reported storing. */
  ackOffset = 0;
  private nextTransfer = -1;
  private pending: Buffer = Buffer.alloc(0);
  private lastRead = Date.now();
  private lastWrite = Date.now();
  private pumping = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly socket: Socket,
    private readonly commitLog: CommitLog,
    private readonly options: HAConnectionOptions,
    private readonly onAck: (connection: HAConnection, offset: number) => void,
    private readonly onClose: (connection: HAConnection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => log.debug(`HA connection ${this.address} error: ${error.message}`));
    socket.on('close', () => this.close());
    this.timer = setInterval(() => this.tick(), Math.min(1000, options.heartbeatIntervalMs));
    this.timer.unref();
  }

  get address(): string {
    return `${this.socket.remoteAddress ?? 'unknown'}:${this.socket.remotePort ?? 0}`;
  }

  /** New data in the commit log: send it. */
  wake(): void {
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.socket.destroy();
    this.onClose(this);
  }

  private onData(chunk: Buffer): void {
    this.lastRead = Date.now();
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const { offset, consumed } = lastReport(this.pending);
    this.pending = this.pending.subarray(consumed);
    if (offset === undefined) return;
    // First report included: an ack past the master's end would count unreplicated puts as held by a slave.
    if (offset > this.commitLog.maxOffset) {
      log.warn(`slave ${this.address} reports offset ${offset} beyond the master's ${this.commitLog.maxOffset}; closing`);
      this.close();
      return;
    }
    if (this.requestOffset < 0) {
      this.requestOffset = offset;
      log.info(`slave ${this.address} requests the commit log from offset ${offset}`);
    }
    this.ackOffset = offset;
    this.onAck(this, offset);
    void this.pump();
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.lastRead > this.options.housekeepingIntervalMs) {
      log.warn(`slave ${this.address} silent for ${now - this.lastRead} ms; closing`);
      this.close();
      return;
    }
    if (this.nextTransfer >= 0 && !this.pumping && now - this.lastWrite > this.options.heartbeatIntervalMs) this.send(encodeTransferHeader(this.nextTransfer, 0));
    void this.pump();
  }

  private send(data: Buffer): boolean {
    this.lastWrite = Date.now();
    return this.socket.write(data);
  }

  /** Resolves on 'drain' or 'close', removing both listeners (one left per wait would pile up on the socket). */
  private drained(): Promise<void> {
    if (this.closed || this.socket.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        this.socket.off('drain', done).off('close', done);
        resolve();
      };
      this.socket.on('drain', done).on('close', done);
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.closed || this.requestOffset < 0) return;
    this.pumping = true;
    try {
      if (this.nextTransfer < 0) {
        // An empty slave starts at the master's last segment (spec/ha.md §2), not at the first byte ever written.
        const max = this.commitLog.maxOffset;
        this.nextTransfer = this.requestOffset === 0 ? max - (max % this.commitLog.segmentSize) : this.requestOffset;
      }
      while (!this.closed && this.nextTransfer < this.commitLog.maxOffset) {
        const from = this.nextTransfer;
        const body = await this.commitLog.readChunk(from, this.options.transferBatchSize);
        if (body === null) {
          // Retention deleted what the slave needs; it cannot catch up from here (its data must be cleared, as upstream).
          log.warn(`slave ${this.address} needs offset ${from}, which is no longer in the commit log; closing`);
          this.close();
          break;
        }
        if (body.length === 0) {
          this.nextTransfer = this.commitLog.nextSegmentStart(from);
          continue;
        }
        this.send(encodeTransferHeader(from, body.length));
        const flushed = this.send(body);
        this.nextTransfer = from + body.length;
        if (!flushed) await this.drained();
      }
    } catch (error) {
      log.warn(`HA transfer to ${this.address} failed`, error);
      this.close();
    } finally {
      this.pumping = false;
    }
  }
}
