import { createLogger } from '../../common/logger';
import { HAClient } from '../../store/ha/ha-client';
import { HAService } from '../../store/ha/ha-service';
import type { MessageStore } from '../../store/message-store';
import type { BrokerConfig } from '../config/broker-config';

const log = createLogger('ha');

/**
 * Commit-log replication of one broker (spec/ha.md): a master runs the HA service on its HA port and, as
 * SYNC_MASTER, makes puts wait for a slave; a slave runs the HA client towards `haMasterAddress` or the master's HA
 * address the nameserver names in each registration reply.
 */
export interface BrokerReplication {
  /** Port the HA service listens on (masters), 0 for a slave. */
  readonly haPort: number;
  /** A registration reply: a slave learns (or relearns) its master's HA address from it. */
  onMasterHaAddress(address: string | undefined): void;
  readonly haService: HAService | undefined;
  readonly haClient: HAClient | undefined;
  close(): Promise<void>;
}

/** `haPort`: where a master listens (listenPort + 1 upstream; 0 = any free port, for tests on ephemeral ports). */
export async function startReplication(config: BrokerConfig, store: MessageStore, haPort: number): Promise<BrokerReplication> {
  const timing = { heartbeatIntervalMs: config.haSendHeartbeatInterval, housekeepingIntervalMs: config.haHousekeepingInterval };
  if (config.brokerRole === 'SLAVE') {
    const client = new HAClient(store.commitLog, timing);
    // Upstream uses a static address once it is at least 6 characters long.
    const fixed = config.haMasterAddress.length >= 6 ? config.haMasterAddress : undefined;
    if (fixed) client.setMasterAddress(fixed);
    return {
      haPort: 0,
      haService: undefined,
      haClient: client,
      onMasterHaAddress: (address) => {
        if (!fixed) client.setMasterAddress(address);
      },
      close: async () => client.close(),
    };
  }
  const service = new HAService(store.commitLog, { ...timing, transferBatchSize: config.haTransferBatchSize, slaveFallBehindMax: config.haSlaveFallbehindMax });
  let port: number;
  try {
    port = await service.listen(haPort, config.listenHost);
  } catch (error) {
    // Upstream refuses to start; most brokers have no slave, so they keep serving, and say why slaves cannot attach.
    log.error(`cannot listen on the HA port ${haPort} (${(error as Error).message}): slaves cannot replicate from this broker`);
    await service.close().catch(() => undefined);
    if (config.brokerRole === 'SYNC_MASTER') store.replica = { waitForReplica: () => Promise.resolve('SLAVE_NOT_AVAILABLE') };
    return { haPort: 0, haService: undefined, haClient: undefined, onMasterHaAddress: () => undefined, close: async () => undefined };
  }
  store.addAppendListener(() => service.notifyAppended());
  if (config.brokerRole === 'SYNC_MASTER') store.replica = service;
  return {
    haPort: port,
    haService: service,
    haClient: undefined,
    onMasterHaAddress: () => undefined,
    close: async () => {
      store.replica = undefined;
      await service.close();
    },
  };
}
