import type { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import type { Producer } from '../../broker-core/client/producer/producer';
import type { ClusterRegistry } from './cluster-registry';
import { createConsumerService, type ConsumerService } from './consumers/consumer-service';
import { createDeadLetterService, type DeadLetterService } from './dead-letters/dlq-service';
import type { EmbeddedServers } from './embedded';
import { createMessageService, type MessageService } from './messages/message-service';
import { createClusterOpsService, type ClusterOpsService } from './ops/cluster-ops';
import { createTraceService, type TraceService } from './trace/trace-service';

/**
 * The server side of the Consumers, Messages, Dead letters, Trace and Ops pages. console-server.ts builds them
 * with the process's admins, so every broker-core call they make runs in the bundle that built those admins (errors
 * keep their classes; see process-singleton.ts). Route handlers reach them as `server.consumers`, `server.clusterOps` ...
 */
export interface OperatorServices {
  readonly consumers: ConsumerService;
  readonly clusterOps: ClusterOpsService;
  readonly messages: MessageService;
  readonly deadLetters: DeadLetterService;
  readonly traces: TraceService;
}

export interface OperatorServicesDeps {
  registry: ClusterRegistry;
  admin(clusterId: string): MQAdmin;
  producer(clusterId: string): Promise<Producer>;
  embedded: EmbeddedServers | undefined;
  storeDir: string | undefined;
  clustersFile: string | undefined;
}

export function createOperatorServices(deps: OperatorServicesDeps): OperatorServices & {
  /** Drops per-cluster state of clusters no longer registered. */
  forgetClusters(liveIds: readonly string[]): void;
  shutdown(): Promise<void>;
} {
  const consumers = createConsumerService(deps.admin);
  const clusterOps = createClusterOpsService(deps);
  const messages = createMessageService(deps.admin);
  const deadLetters = createDeadLetterService({ admin: deps.admin, producer: deps.producer, messages });
  return {
    consumers,
    clusterOps,
    messages,
    deadLetters,
    traces: createTraceService(deps.admin),
    forgetClusters(liveIds) {
      consumers.retain(liveIds);
    },
    async shutdown() {},
  };
}
