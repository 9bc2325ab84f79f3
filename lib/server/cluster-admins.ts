import type { AclCredentials } from '../../broker-core/acl/acl-signature';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import type { ClusterEntry } from './cluster-registry';

/**
 * One MQAdmin per registry cluster (MQAdmin opens its own RemotingClient; it cannot borrow the console's), made on
 * first use and closed on shutdown or when the entry goes away or points at other nameservers. The console's send
 * form uses one producer per cluster sharing that admin's connections (rocketmq-dashboard sends as
 * SELF_TEST_P_GROUP too).
 */
export const CONSOLE_PRODUCER_GROUP = 'SELF_TEST_P_GROUP';
export const ADMIN_TIMEOUT_MS = 5000;

interface Held {
  namesrvAddr: string;
  admin: MQAdmin;
  producer?: Promise<Producer>;
}

export class ClusterAdmins {
  private readonly held = new Map<string, Held>();

  /** `credentials`: the ACL account every admin and producer signs with (RMQ_ACCESS_KEY / RMQ_SECRET_KEY). */
  constructor(private readonly credentials?: AclCredentials) {}

  /** The admin of a registry entry (the caller looked the entry up, so an unknown id never gets here). */
  admin(entry: ClusterEntry): MQAdmin {
    return this.hold(entry).admin;
  }

  /** A started producer of the entry's cluster; a start that fails is forgotten so the next send tries again. */
  producer(entry: ClusterEntry): Promise<Producer> {
    const held = this.hold(entry);
    if (!held.producer) {
      const producer = new Producer({ group: CONSOLE_PRODUCER_GROUP, instance: held.admin.instance, sendMsgTimeoutMs: ADMIN_TIMEOUT_MS });
      held.producer = producer.start().then(() => producer);
      held.producer.catch(() => (held.producer = undefined));
    }
    return held.producer;
  }

  /** Closes the admins of entries no longer in the registry. */
  async retain(entries: readonly ClusterEntry[]): Promise<void> {
    const live = new Map(entries.map((entry) => [entry.id, entry.namesrvAddr]));
    for (const [id, held] of [...this.held]) {
      if (live.get(id) !== held.namesrvAddr) await this.drop(id, held);
    }
  }

  async closeAll(): Promise<void> {
    for (const [id, held] of [...this.held]) await this.drop(id, held);
  }

  private hold(entry: ClusterEntry): Held {
    let held = this.held.get(entry.id);
    if (held && held.namesrvAddr !== entry.namesrvAddr) {
      void this.drop(entry.id, held);
      held = undefined;
    }
    if (!held) {
      const admin = new MQAdmin({ namesrvAddr: entry.namesrvAddr, timeoutMs: ADMIN_TIMEOUT_MS, instanceName: `console-${entry.id}-${process.pid}`, ...this.credentials });
      held = { namesrvAddr: entry.namesrvAddr, admin };
      this.held.set(entry.id, held);
    }
    return held;
  }

  private async drop(id: string, held: Held): Promise<void> {
    if (this.held.get(id) === held) this.held.delete(id);
    const producer = await held.producer?.catch(() => undefined);
    await producer?.shutdown().catch(() => undefined);
    await held.admin.close().catch(() => undefined);
  }
}
