import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import type { ClientRunningInfo, GroupConfigForm, GroupConfigs, GroupDetail, GroupList, GroupListQuery, ResetOffsetResult } from '../../validations/group';
import { deleteGroupConfig, fetchGroupConfigs, resetGroupOffset, writeGroupConfig } from './group-config';
import { fetchClientRunningInfo, fetchGroupDetail } from './group-detail';
import { GroupListCache } from './group-list-cache';
import { queryGroupList } from './group-list-query';
import { fetchGroupSummaries } from './group-summaries';
import { UnconsumedStoreTimes } from './unconsumed-store-time';

/**
 * The Consumers pages' server side, one per console process (built by console-server.ts, so every broker-core call
 * runs in the bundle that built the admins). A cached group list per cluster; changes made here invalidate it.
 */
export interface ConsumerService {
  listGroups(query: GroupListQuery): Promise<GroupList>;
  groupDetail(clusterId: string, group: string): Promise<GroupDetail>;
  clientRunningInfo(clusterId: string, group: string, clientId: string, jstack: boolean): Promise<ClientRunningInfo>;
  groupConfigs(clusterId: string, group: string): Promise<GroupConfigs>;
  writeGroupConfig(form: GroupConfigForm): Promise<string[]>;
  deleteGroup(clusterId: string, group: string, brokerAddrs: readonly string[], removeOffset: boolean): Promise<string[]>;
  resetOffset(clusterId: string, group: string, topic: string, timestamp: number, force: boolean): Promise<ResetOffsetResult>;
  /** Drops the caches of clusters the registry no longer lists. */
  retain(liveClusterIds: readonly string[]): void;
}

export function createConsumerService(admin: (clusterId: string) => MQAdmin): ConsumerService {
  const caches = new Map<string, GroupListCache>();
  const storeTimes = new Map<string, UnconsumedStoreTimes>();
  const storeTimesOf = (clusterId: string) => {
    let times = storeTimes.get(clusterId);
    if (!times) storeTimes.set(clusterId, (times = new UnconsumedStoreTimes()));
    return times;
  };
  const cacheOf = (clusterId: string) => {
    let cache = caches.get(clusterId);
    if (!cache) {
      cache = new GroupListCache(() => fetchGroupSummaries(admin(clusterId), storeTimesOf(clusterId)));
      caches.set(clusterId, cache);
    }
    return cache;
  };
  return {
    async listGroups(query) {
      admin(query.cluster); // an unknown cluster fails here, before a cache is made for it
      return queryGroupList(await cacheOf(query.cluster).get(), query);
    },
    // async, so an unknown cluster is a rejection like every other failure
    groupDetail: async (clusterId, group) => fetchGroupDetail(admin(clusterId), storeTimesOf(clusterId), group),
    clientRunningInfo: async (clusterId, group, clientId, jstack) => fetchClientRunningInfo(admin(clusterId), group, clientId, jstack),
    groupConfigs: async (clusterId, group) => fetchGroupConfigs(admin(clusterId), group),
    async writeGroupConfig(form) {
      const written = await writeGroupConfig(admin(form.cluster), form);
      caches.get(form.cluster)?.invalidate();
      return written;
    },
    async deleteGroup(clusterId, group, brokerAddrs, removeOffset) {
      const deleted = await deleteGroupConfig(admin(clusterId), group, brokerAddrs, removeOffset);
      caches.get(clusterId)?.invalidate();
      return deleted;
    },
    async resetOffset(clusterId, group, topic, timestamp, force) {
      const result = await resetGroupOffset(admin(clusterId), group, topic, timestamp, force);
      caches.get(clusterId)?.invalidate();
      return result;
    },
    retain(liveClusterIds) {
      for (const map of [caches, storeTimes]) for (const id of [...map.keys()]) if (!liveClusterIds.includes(id)) map.delete(id);
    },
  };
}
