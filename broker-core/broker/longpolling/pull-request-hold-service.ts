import type { Connection } from '../../remoting/connection';
import type { MessageArrival, MessageFilter } from '../../store/store-types';
import { arrivalMatches } from '../filter/expression-message-filter';

/**
 * Long polling (Java `PullRequestHoldService`, semantics.md §7): a pull that found nothing at the queue's end is
 * parked here, keyed "topic@queueId", until a message the pull's filter accepts arrives, the queue grows past its
 * offset, its hold time runs out, or its connection closes. Parking resolves a promise the pull handler awaits; the
 * handler then re-runs the pull without suspend and answers on the same connection.
 *
 * Arrivals come from the store's message-arriving listener (after reput made them visible). A message that became
 * visible while the pull was reading is caught by `hold`'s re-check of the queue's max offset.
 */
export type WakeReason = 'arrived' | 'timeout' | 'closed' | 'shutdown';

interface HeldPull {
  key: string;
  offset: number;
  filter: MessageFilter | undefined;
  connection: Connection;
  timer: NodeJS.Timeout;
  resolve(reason: WakeReason): void;
}

const CLOSE_HOOK = 'pull-hold-close-hook';

export class PullRequestHoldService {
  private readonly held = new Map<string, Set<HeldPull>>();
  private readonly byConnection = new Map<Connection, Set<HeldPull>>();
  private stopped = false;

  constructor(private readonly maxOffset: (topic: string, queueId: number) => number) {}

  /** Parks a pull; resolves with why it woke. */
  hold(topic: string, queueId: number, offset: number, filter: MessageFilter | undefined, connection: Connection, holdMs: number): Promise<WakeReason> {
    if (this.stopped || connection.closed) return Promise.resolve(this.stopped ? 'shutdown' : 'closed');
    if (this.maxOffset(topic, queueId) > offset) return Promise.resolve('arrived');
    const key = `${topic}@${queueId}`;
    return new Promise((resolve) => {
      const pull: HeldPull = {
        key,
        offset,
        filter,
        connection,
        timer: setTimeout(() => this.release(pull, 'timeout'), Math.max(0, holdMs)),
        resolve,
      };
      let list = this.held.get(key);
      if (!list) {
        list = new Set();
        this.held.set(key, list);
      }
      list.add(pull);
      this.trackConnection(pull);
    });
  }

  /** The store's arriving listener: wakes the pulls of that queue that the new message satisfies. */
  notifyMessageArriving(arrival: MessageArrival): void {
    const key = `${arrival.topic}@${arrival.queueId}`;
    const list = this.held.get(key);
    if (!list) return;
    for (const pull of [...list]) {
      if (arrival.logicOffset > pull.offset && arrivalMatches(pull.filter, arrival.tagsCode, arrival.properties)) {
        this.release(pull, 'arrived');
      }
    }
  }

  /** How many pulls are parked (diagnostics, tests). */
  get size(): number {
    let count = 0;
    for (const list of this.held.values()) count += list.size;
    return count;
  }

  shutdown(): void {
    this.stopped = true;
    for (const list of [...this.held.values()]) for (const pull of [...list]) this.release(pull, 'shutdown');
  }

  private trackConnection(pull: HeldPull): void {
    const { connection } = pull;
    let pulls = this.byConnection.get(connection);
    if (!pulls) {
      pulls = new Set();
      this.byConnection.set(connection, pulls);
    }
    pulls.add(pull);
    if (!connection.attributes.has(CLOSE_HOOK)) {
      connection.attributes.set(CLOSE_HOOK, true);
      connection.once('close', () => {
        for (const held of [...(this.byConnection.get(connection) ?? [])]) this.release(held, 'closed');
        this.byConnection.delete(connection);
      });
    }
  }

  private release(pull: HeldPull, reason: WakeReason): void {
    const list = this.held.get(pull.key);
    if (!list || !list.delete(pull)) return;
    if (list.size === 0) this.held.delete(pull.key);
    clearTimeout(pull.timer);
    const pulls = this.byConnection.get(pull.connection);
    if (pulls) {
      pulls.delete(pull);
      if (pulls.size === 0) this.byConnection.delete(pull.connection);
    }
    pull.resolve(reason);
  }
}
