import type { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import type { Producer } from '../../broker-core/client/producer/producer';
import type { ClusterEntry, ClusterRegistry } from './cluster-registry';
import { ProducerService } from './producers/producer-service';
import { MetricsSampler } from './sampler/metrics-sampler';
import { readSamplerConfig } from './sampler/sampler-config';
import { TopicCatalogCache } from './topics/topic-catalog';
import { TopicService } from './topics/topic-service';

/**
 * The server side of the Dashboard, Topics and Producers pages (engineer A): the metrics sampler (started here,
 * stopped on shutdown), the topic catalog cache shared by the Topics page and the sampler, and the topic and
 * producer services. console-server.ts builds them with the process's admins (see operator-services.ts for why).
 * Route handlers reach them as `server.sampler`, `server.topics`, `server.producers`.
 */
export interface ResourceServices {
  readonly sampler: MetricsSampler;
  readonly topics: TopicService;
  readonly producers: ProducerService;
}

export interface ResourceServicesDeps {
  registry: ClusterRegistry;
  admin(clusterId: string): MQAdmin;
  adminOf(entry: ClusterEntry): MQAdmin;
  producer(clusterId: string): Promise<Producer>;
  /** The embedded broker's store directory; today's metrics are kept beside it (../console/metrics). */
  storeDir: string | undefined;
}

export function createResourceServices(deps: ResourceServicesDeps): ResourceServices & { shutdown(): Promise<void> } {
  const catalog = new TopicCatalogCache();
  const sampler = new MetricsSampler({ listClusters: () => deps.registry.list(), admin: deps.adminOf, catalog, config: readSamplerConfig(process.env, process.cwd(), deps.storeDir) });
  void sampler.start();
  return {
    sampler,
    topics: new TopicService({ admin: deps.admin, producer: deps.producer, catalog }),
    producers: new ProducerService(deps.admin),
    shutdown: () => sampler.stop(),
  };
}
