import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { getAllProducerInfo } from '../../../broker-core/client/admin/producer-info-admin';
import { selectBrokerAddr } from '../../../broker-core/client/admin/cluster-lookup';
import { versionDescription } from '../../../broker-core/protocol/mq-version';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import { ResponseCodeError } from '../../../broker-core/remoting/remoting-error';
import type { ProducerConnections, ProducerGroups } from '../../validations/producer';

/**
 * The Producers page: a producer group's clients on the brokers of a topic (GET_PRODUCER_CONNECTION_LIST on each,
 * merged, rocketmq-dashboard's "producer connection" form), and the producer groups those brokers report
 * (GET_ALL_PRODUCER_INFO: ours and RocketMQ 5.x; 4.x brokers answer REQUEST_CODE_NOT_SUPPORTED and the page says so).
 * A group with no client online is an empty list, not an error.
 */
export class ProducerService {
  constructor(private readonly admin: (clusterId: string) => MQAdmin) {}

  async connections(clusterId: string, topic: string, group: string): Promise<ProducerConnections> {
    const admin = this.admin(clusterId);
    const route = await admin.examineTopicRouteInfo(topic);
    let connectionSet: Awaited<ReturnType<MQAdmin['examineProducerConnectionInfo']>>['connectionSet'] = [];
    if (route.brokerDatas.length > 0) {
      try {
        connectionSet = (await admin.examineProducerConnectionInfo(group, topic)).connectionSet;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'MQClientError')) throw error; // "Not found the producer group connection"
      }
    }
    return {
      topic,
      group,
      connections: connectionSet
        .map((client) => ({ ...client, versionDesc: versionDescription(client.version) }))
        .sort((a, b) => a.clientId.localeCompare(b.clientId)),
      fetchedAt: Date.now(),
    };
  }

  async groups(clusterId: string, topic: string): Promise<ProducerGroups> {
    const admin = this.admin(clusterId);
    const route = await admin.examineTopicRouteInfo(topic);
    const clients = new Map<string, Set<string>>();
    let supported = route.brokerDatas.length > 0;
    for (const data of route.brokerDatas) {
      const addr = selectBrokerAddr(data);
      if (!addr) continue;
      try {
        for (const [group, list] of await getAllProducerInfo(admin.remoting, addr, admin.timeoutMs)) {
          const known = clients.get(group) ?? new Set<string>();
          for (const info of list) known.add(info.clientId);
          clients.set(group, known);
        }
      } catch (error) {
        if (error instanceof ResponseCodeError && error.code === ResponseCode.REQUEST_CODE_NOT_SUPPORTED) supported = false;
        else throw error;
      }
    }
    return {
      topic,
      supported,
      groups: [...clients].map(([group, set]) => ({ group, clients: set.size })).sort((a, b) => a.group.localeCompare(b.group)),
    };
  }
}
