import { invokeChecked } from '../../client/broker-request';
import { getAllSubscriptionGroupConfig } from '../../client/admin/broker-group-admin';
import { getAllConsumerOffset } from '../../client/admin/broker-offset-admin';
import { getAllTopicConfig } from '../../client/admin/broker-topic-admin';
import { createLogger } from '../../common/logger';
import { dataVersionEquals } from '../../protocol/bodies/data-version';
import { parseBodyObject } from '../../protocol/bodies/json-fields';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { writeConfigFile } from '../../store/config-file';
import type { BrokerContext } from '../broker-context';
import { decodeDelayOffsets, delayOffsetFile } from '../schedule/delay-offset-file';

const log = createLogger('slave-sync');

const FIRST_SYNC_MS = 3000;
const SYNC_PERIOD_MS = 10_000;

/** What the synchronizer reads and updates of its broker. */
export type SlaveSyncTarget = Pick<BrokerContext, 'config' | 'topics' | 'groups' | 'offsets' | 'brokerAddr'>;

/**
 * A slave's copy of its master's metadata (spec/ha.md §4, Java `SlaveSynchronize`): every 10 s (first after 3 s),
 * once the nameserver named a master other than this broker, pull over the remoting protocol, in this order:
 *   topic configs         GET_ALL_TOPIC_CONFIG (21)              new data version ⇒ replace the table, topics.json
 *   consumer offsets      GET_ALL_CONSUMER_OFFSET (43)           master wins per topic@group, consumerOffset.json
 *   delay offsets         GET_ALL_DELAY_OFFSET (45)              delayOffset.json verbatim (memory not reloaded)
 *   subscription groups   GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) new data version ⇒ replace, subscriptionGroup.json
 * A failing step is logged and the next one still runs. Rounds never overlap.
 */
export class SlaveSynchronize {
  private master: string | undefined;
  private firstTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly broker: SlaveSyncTarget,
    private readonly remoting: RemotingClient,
  ) {}

  /** The master's "ip:port" from the latest registration reply; undefined while the nameserver knows none. */
  setMasterAddr(addr: string | undefined): void {
    if (addr !== this.master) log.info(`master address ${this.master ?? '(none)'} -> ${addr ?? '(none)'}`);
    this.master = addr;
  }

  get masterAddr(): string | undefined {
    return this.master;
  }

  start(): void {
    this.firstTimer = setTimeout(() => {
      this.tick();
      this.timer = setInterval(() => this.tick(), SYNC_PERIOD_MS);
      this.timer.unref();
    }, FIRST_SYNC_MS);
    this.firstTimer.unref();
  }

  /** Stops the timers; a round in flight applies nothing more (its requests fail once the client closes). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.firstTimer);
    clearInterval(this.timer);
  }

  /**
   * One round that starts now or, if one is in flight, right after it (so it sees the master's current state).
   * Never rejects.
   */
  syncNow(): Promise<void> {
    if (!this.running) return this.run();
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.run();
    });
    return this.queued;
  }

  /** Timer rounds are skipped while one is in flight (a slow master must not pile them up). */
  private tick(): void {
    if (!this.running) void this.run();
  }

  private run(): Promise<void> {
    this.running = this.syncAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async syncAll(): Promise<void> {
    const master = this.master;
    if (this.stopped || master === undefined || master === this.broker.brokerAddr) return;
    await this.step('topic configs', master, () => this.syncTopicConfig(master));
    await this.step('consumer offsets', master, () => this.syncConsumerOffset(master));
    await this.step('delay offsets', master, () => this.syncDelayOffset(master));
    await this.step('subscription groups', master, () => this.syncSubscriptionGroupConfig(master));
  }

  private async step(what: string, master: string, sync: () => Promise<void>): Promise<void> {
    if (this.stopped) return;
    try {
      await sync();
    } catch (error) {
      log.warn(`sync ${what} from master ${master} failed: ${(error as Error).message}`);
    }
  }

  private async syncTopicConfig(master: string): Promise<void> {
    const wrapper = await getAllTopicConfig(this.remoting, master);
    if (this.stopped || dataVersionEquals(wrapper.dataVersion, this.broker.topics.dataVersion)) return;
    this.broker.topics.replaceAll(wrapper);
    log.info(`topic configs synced from master ${master}: ${Object.keys(wrapper.topicConfigTable).length} topics`);
  }

  private async syncConsumerOffset(master: string): Promise<void> {
    const wrapper = await getAllConsumerOffset(this.remoting, master);
    if (this.stopped) return;
    this.broker.offsets.putAll(wrapper.offsetTable);
    this.broker.offsets.persist();
  }

  private async syncDelayOffset(master: string): Promise<void> {
    const response = await invokeChecked(this.remoting, master, RequestCode.GET_ALL_DELAY_OFFSET);
    // Checked before writing so a garbled body cannot replace a good file; what is written is the master's text.
    decodeDelayOffsets(parseBodyObject(response.body, 'DelayOffsetSerializeWrapper'), 'DelayOffsetSerializeWrapper');
    if (this.stopped || !response.body) return;
    writeConfigFile(delayOffsetFile(this.broker.config.storePathRootDir).path, response.body.toString('utf8'));
  }

  private async syncSubscriptionGroupConfig(master: string): Promise<void> {
    const wrapper = await getAllSubscriptionGroupConfig(this.remoting, master);
    if (this.stopped || dataVersionEquals(wrapper.dataVersion, this.broker.groups.dataVersion)) return;
    this.broker.groups.replaceAll(wrapper);
    log.info(`subscription groups synced from master ${master}: ${Object.keys(wrapper.subscriptionGroupTable).length} groups`);
  }
}
