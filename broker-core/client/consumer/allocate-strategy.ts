import { messageQueueToString, type MessageQueue } from '../message-queue';
import { ConsistentHashRing } from './consistent-hash-ring';

/**
 * Queue allocation among the consumers of a group (spec/semantics.md §10.3), the strategies of Java's
 * `client/consumer/rebalance/`. Every consumer runs the same function over the same sorted inputs (queues sorted by
 * topic, broker, id; client ids sorted) and keeps its own share, so the shares never overlap without coordination.
 *
 * Inputs are expected sorted by the caller (the rebalance does it). A consumer missing from `cidAll` (the broker has
 * not seen its heartbeat yet) gets nothing, as upstream.
 */
export interface AllocateStrategy {
  /** Upstream's `getName()`. */
  readonly name: string;
  allocate(consumerGroup: string, currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[];
}

function canAllocate(currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): boolean {
  if (!currentCid) throw new Error('currentCID is empty');
  return mqAll.length > 0 && cidAll.length > 0 && cidAll.includes(currentCid);
}

/**
 * AllocateMessageQueueAveragely (the default): contiguous blocks, the first `n % c` consumers one queue more.
 * 8 queues / 3 consumers => {0,1,2} {3,4,5} {6,7}; 3 queues / 5 consumers => the last two get nothing.
 */
export const allocateAveragely: AllocateStrategy = {
  name: 'AVG',
  allocate(_group, currentCid, mqAll, cidAll) {
    if (!canAllocate(currentCid, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCid);
    const mod = mqAll.length % cidAll.length;
    const size =
      mqAll.length <= cidAll.length
        ? 1
        : mod > 0 && index < mod
          ? Math.floor(mqAll.length / cidAll.length) + 1
          : Math.floor(mqAll.length / cidAll.length);
    const start = mod > 0 && index < mod ? index * size : index * size + mod;
    const range = Math.min(size, mqAll.length - start);
    return range > 0 ? mqAll.slice(start, start + range) : [];
  },
};

/** AllocateMessageQueueAveragelyByCircle: queue i goes to consumer i % c (8 queues / 3 consumers => {0,3,6} {1,4,7} {2,5}). */
export const allocateAveragelyByCircle: AllocateStrategy = {
  name: 'AVG_BY_CIRCLE',
  allocate(_group, currentCid, mqAll, cidAll) {
    if (!canAllocate(currentCid, mqAll, cidAll)) return [];
    const index = cidAll.indexOf(currentCid);
    return mqAll.filter((_, i) => i >= index && i % cidAll.length === index);
  },
};

/**
 * AllocateMessageQueueConsistentHash: each consumer owns `virtualNodeCount` points on an MD5 ring (keys
 * `<clientId>-<n>`); a queue goes to the first point at or after the hash of its Java `toString()`. Few queues move
 * when a consumer joins or leaves.
 */
export function allocateByConsistentHash(virtualNodeCount = 10): AllocateStrategy {
  if (virtualNodeCount < 0) throw new Error(`illegal virtualNodeCnt :${virtualNodeCount}`);
  return {
    name: 'CONSISTENT_HASH',
    allocate(_group, currentCid, mqAll, cidAll) {
      if (!canAllocate(currentCid, mqAll, cidAll)) return [];
      const ring = new ConsistentHashRing(cidAll, virtualNodeCount);
      return mqAll.filter((mq) => ring.route(messageQueueToString(mq)) === currentCid);
    },
  };
}

/** AllocateMessageQueueByConfig: a fixed list, whatever the group looks like. */
export function allocateByConfig(queues: readonly MessageQueue[]): AllocateStrategy {
  return { name: 'CONFIG', allocate: () => [...queues] };
}

/**
 * AllocateMessageQueueByMachineRoom: only queues of brokers named `<room>@<name>` whose room is one of
 * `consumerRooms`, split in blocks of `floor(n / c)`, the remainder dealt one each to the first consumers.
 */
export function allocateByMachineRoom(consumerRooms: Iterable<string>): AllocateStrategy {
  const rooms = new Set(consumerRooms);
  return {
    name: 'MACHINE_ROOM',
    allocate(_group, currentCid, mqAll, cidAll) {
      if (!canAllocate(currentCid, mqAll, cidAll)) return [];
      const index = cidAll.indexOf(currentCid);
      const eligible = mqAll.filter((mq) => {
        const parts = mq.brokerName.split('@');
        return parts.length === 2 && rooms.has(parts[0]);
      });
      const per = Math.floor(eligible.length / cidAll.length);
      const rem = eligible.length % cidAll.length;
      const result = eligible.slice(per * index, per * index + per);
      if (rem > index) result.push(eligible[index + per * cidAll.length]);
      return result;
    },
  };
}

export interface MachineRoomResolver {
  brokerDeployIn(mq: MessageQueue): string;
  consumerDeployIn(clientId: string): string;
}

/**
 * AllocateMachineRoomNearby: queues of a room go to that room's consumers (through `inner`); queues of rooms without
 * any consumer are shared by everybody.
 */
export function allocateMachineRoomNearby(inner: AllocateStrategy, resolver: MachineRoomResolver): AllocateStrategy {
  return {
    name: `MACHINE_ROOM_NEARBY-${inner.name}`,
    allocate(group, currentCid, mqAll, cidAll) {
      if (!canAllocate(currentCid, mqAll, cidAll)) return [];
      const queuesByRoom = groupBy(mqAll, (mq) => resolver.brokerDeployIn(mq), 'mq');
      const consumersByRoom = groupBy(cidAll, (cid) => resolver.consumerDeployIn(cid), 'consumer id');
      const myRoom = resolver.consumerDeployIn(currentCid);
      const result: MessageQueue[] = [];
      const local = queuesByRoom.get(myRoom);
      if (local && local.length > 0) result.push(...inner.allocate(group, currentCid, local, consumersByRoom.get(myRoom) ?? []));
      for (const room of [...queuesByRoom.keys()].sort()) {
        if (room === myRoom || consumersByRoom.has(room)) continue;
        result.push(...inner.allocate(group, currentCid, queuesByRoom.get(room) ?? [], cidAll));
      }
      return result;
    },
  };
}

function groupBy<T>(items: readonly T[], roomOf: (item: T) => string, what: string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const room = roomOf(item);
    if (!room) throw new Error(`Machine room is null for ${what} ${String(item)}`);
    const list = groups.get(room) ?? [];
    list.push(item);
    groups.set(room, list);
  }
  return groups;
}

export type AllocateStrategyName = 'AVG' | 'AVG_BY_CIRCLE' | 'CONSISTENT_HASH';

/**
 * A strategy by its upstream name (`AVG`, `AVG_BY_CIRCLE`, `CONSISTENT_HASH`) or Java class name
 * (`AllocateMessageQueueAveragely`, ...). CONFIG and MACHINE_ROOM need arguments: build them with their functions.
 */
export function allocateStrategyByName(name: string): AllocateStrategy {
  switch (name) {
    case 'AVG':
    case 'AllocateMessageQueueAveragely':
      return allocateAveragely;
    case 'AVG_BY_CIRCLE':
    case 'AllocateMessageQueueAveragelyByCircle':
      return allocateAveragelyByCircle;
    case 'CONSISTENT_HASH':
    case 'AllocateMessageQueueConsistentHash':
      return allocateByConsistentHash();
    default:
      throw new Error(
        `unknown allocation strategy '${name}' (AVG, AVG_BY_CIRCLE, CONSISTENT_HASH; CONFIG and MACHINE_ROOM are built with allocateByConfig / allocateByMachineRoom)`,
      );
  }
}
