import { MASTER_BROKER_ID, type TopicRouteData } from '../../protocol/bodies/topic-route-data';

/**
 * What a client knows of the cluster (Java `MQClientInstance.topicRouteTable` + `brokerAddrTable`): the last route
 * of every topic it uses, and the addresses of every broker those routes name (brokerName -> brokerId -> ip:port).
 * Addresses are merged from all routes; a broker no route mentions any more is forgotten (cleanOfflineBroker).
 */
export interface SubscribeAddress {
  brokerAddr: string;
  /** The address is a slave's. */
  slave: boolean;
}

export class RouteTable {
  private readonly routes = new Map<string, TopicRouteData>();
  private readonly brokerAddrs = new Map<string, Map<number, string>>();

  route(topic: string): TopicRouteData | undefined {
    return this.routes.get(topic);
  }

  topics(): string[] {
    return [...this.routes.keys()];
  }

  /** Stores a route and the broker addresses in it; returns whether anything changed. */
  put(topic: string, route: TopicRouteData): boolean {
    const changed = !sameRoute(this.routes.get(topic), route);
    this.routes.set(topic, route);
    for (const broker of route.brokerDatas) {
      const addrs = this.brokerAddrs.get(broker.brokerName) ?? new Map<number, string>();
      for (const [id, addr] of Object.entries(broker.brokerAddrs)) addrs.set(Number(id), addr);
      this.brokerAddrs.set(broker.brokerName, addrs);
    }
    return changed;
  }

  /** Forgets broker addresses that no stored route lists any more. */
  cleanOfflineBrokers(): void {
    const live = new Map<string, Set<string>>();
    for (const route of this.routes.values()) {
      for (const broker of route.brokerDatas) {
        const set = live.get(broker.brokerName) ?? new Set<string>();
        for (const addr of Object.values(broker.brokerAddrs)) set.add(addr);
        live.set(broker.brokerName, set);
      }
    }
    for (const [name, addrs] of this.brokerAddrs) {
      const keep = live.get(name);
      for (const [id, addr] of addrs) if (!keep?.has(addr)) addrs.delete(id);
      if (addrs.size === 0) this.brokerAddrs.delete(name);
    }
  }

  brokerNames(): string[] {
    return [...this.brokerAddrs.keys()];
  }

  /** brokerId -> address of one broker name. */
  addressesOf(brokerName: string): ReadonlyMap<number, string> {
    return this.brokerAddrs.get(brokerName) ?? new Map();
  }

  /** The master's address: where sends and offset commits go. */
  findBrokerAddressInPublish(brokerName: string): string | undefined {
    return this.brokerAddrs.get(brokerName)?.get(MASTER_BROKER_ID);
  }

  /**
   * Where to pull from (Java `findBrokerAddressInSubscribe`): the suggested broker id, else the next id when a slave
   * was suggested, else (unless `onlyThisBroker`) any address of the broker name.
   */
  findBrokerAddressInSubscribe(brokerName: string, brokerId: number, onlyThisBroker: boolean): SubscribeAddress | undefined {
    const addrs = this.brokerAddrs.get(brokerName);
    if (!addrs || addrs.size === 0) return undefined;
    let id = brokerId;
    let addr = addrs.get(id);
    if (addr === undefined && id !== MASTER_BROKER_ID) {
      id = brokerId + 1;
      addr = addrs.get(id);
    }
    if (addr === undefined && !onlyThisBroker) {
      const first = [...addrs.entries()].sort(([a], [b]) => a - b)[0];
      [id, addr] = first;
    }
    return addr === undefined ? undefined : { brokerAddr: addr, slave: id !== MASTER_BROKER_ID };
  }

  /** An address of some broker serving the topic, master preferred (Java `findBrokerAddrByTopic`). */
  findBrokerAddrByTopic(topic: string): string | undefined {
    const route = this.routes.get(topic);
    const broker = route?.brokerDatas[0];
    if (!broker) return undefined;
    return broker.brokerAddrs[String(MASTER_BROKER_ID)] ?? Object.values(broker.brokerAddrs)[0];
  }
}

/** Routes compared as Java's topicRouteDataIsChange does: order-insensitive over queue and broker data. */
export function sameRoute(a: TopicRouteData | undefined, b: TopicRouteData | undefined): boolean {
  if (!a || !b) return a === b;
  return canonicalRoute(a) === canonicalRoute(b);
}

function canonicalRoute(route: TopicRouteData): string {
  const byName = <T extends { brokerName: string }>(items: readonly T[]) =>
    [...items].sort((x, y) => (x.brokerName < y.brokerName ? -1 : x.brokerName > y.brokerName ? 1 : 0));
  return JSON.stringify({
    orderTopicConf: route.orderTopicConf ?? null,
    queueDatas: byName(route.queueDatas),
    brokerDatas: byName(route.brokerDatas).map((broker) => ({
      cluster: broker.cluster,
      brokerName: broker.brokerName,
      brokerAddrs: Object.entries(broker.brokerAddrs).sort(([x], [y]) => Number(x) - Number(y)),
    })),
  });
}
