import { connect, type Socket } from 'node:net';
import { createLogger } from '../../common/logger';
import type { CommitLog } from '../commit-log';
import { encodeReport, readTransferFrames } from './ha-format';
import { appendReplicated } from './replica-append';

const log = createLogger('ha');

export interface HAClientOptions {
  /** A report at least this often (haSendHeartbeatInterval). */
  heartbeatIntervalMs: number;
  /** No frame from the master for this long: reconnect (haHousekeepingInterval). */
  housekeepingIntervalMs: number;
  /** Largest frame body accepted (a master sends at most haTransferBatchSize; 4 MiB, as upstream's read buffer). */
  maxFrameBody?: number;
  /** Pause between connection attempts. */
  retryMs?: number;
}

/**
 * A slave's side of replication (upstream HAClient, spec/ha.md §2): connects to the master's HA address, reports its
 * commit-log max offset, and appends each frame the master sends at the same offset, so its commit log is a
 * byte-for-byte copy; the reput service then builds consume queues and index locally. A frame that does not start at
 * the slave's end (once it has data) is a protocol error: disconnect and retry.
 */
export class HAClient {
  private masterAddress: string | undefined;
  private socket: Socket | undefined;
  private pending: Buffer = Buffer.alloc(0);
  private lastWrite = 0;
  private lastRead = 0;
  private reported = -1;
  private readonly timer: NodeJS.Timeout;
  private stopped = false;
  private nextAttempt = 0;

  constructor(
    private readonly commitLog: CommitLog,
    private readonly options: HAClientOptions,
  ) {
    this.timer = setInterval(() => this.tick(), Math.min(1000, options.heartbeatIntervalMs));
    this.timer.unref();
  }

  /** From `haMasterAddress`, or the nameserver's registration reply; a change reconnects. */
  setMasterAddress(address: string | undefined): void {
    if (!address || address === this.masterAddress) return;
    log.info(`HA master address is now ${address}`);
    this.masterAddress = address;
    this.disconnect();
    this.nextAttempt = 0;
    this.tick();
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.connecting && !this.socket.destroyed;
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    if (!this.socket) {
      if (this.masterAddress && now >= this.nextAttempt) this.connect(this.masterAddress);
      return;
    }
    if (!this.connected) return;
    if (now - this.lastRead > this.options.housekeepingIntervalMs) {
      log.warn(`no data from the HA master for ${now - this.lastRead} ms; reconnecting`);
      this.disconnect();
      return;
    }
    if (now - this.lastWrite >= this.options.heartbeatIntervalMs) this.report();
  }

  private connect(address: string): void {
    const [host, port] = splitAddress(address);
    this.nextAttempt = Date.now() + (this.options.retryMs ?? 5000);
    const socket = connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => {
      log.info(`connected to the HA master ${address}`);
      this.lastRead = Date.now();
      // Upstream waits one heartbeat interval before its first report; reporting at once starts the copy sooner.
      this.report();
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => log.debug(`HA client error: ${error.message}`));
    socket.on('close', () => {
      if (this.socket === socket) {
        this.socket = undefined;
        this.pending = Buffer.alloc(0);
      }
    });
  }

  private report(): void {
    const offset = this.commitLog.maxOffset;
    this.lastWrite = Date.now();
    this.reported = offset;
    this.socket?.write(encodeReport(offset));
  }

  private onData(chunk: Buffer): void {
    this.lastRead = Date.now();
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      const { frames, consumed } = readTransferFrames(this.pending, this.options.maxFrameBody ?? 4 * 1024 * 1024);
      for (const frame of frames) {
        const end = this.commitLog.maxOffset;
        if (end !== 0 && frame.offset !== end) throw new RangeError(`the master sent offset ${frame.offset}, the slave's commit log ends at ${end}`);
        if (frame.body.length > 0) appendReplicated(this.commitLog, frame.offset, frame.body);
      }
      // Copy the unconsumed tail: `pending` may be a view of a chunk that holds appended bodies.
      this.pending = Buffer.from(this.pending.subarray(consumed));
      if (this.commitLog.maxOffset !== this.reported) this.report();
    } catch (error) {
      log.warn(`HA replication from ${this.masterAddress ?? '?'} failed: ${(error as Error).message}; reconnecting`);
      this.disconnect();
    }
  }

  private disconnect(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.pending = Buffer.alloc(0);
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.disconnect();
  }
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}
