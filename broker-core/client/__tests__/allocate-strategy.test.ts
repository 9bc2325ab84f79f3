import { describe, expect, it } from 'vitest';
import {
  allocateAveragely,
  allocateAveragelyByCircle,
  allocateByConfig,
  allocateByConsistentHash,
  allocateByMachineRoom,
  allocateMachineRoomNearby,
  allocateStrategyByName,
  type AllocateStrategy,
} from '../consumer/allocate-strategy';
import { ConsistentHashRing, md5Position } from '../consumer/consistent-hash-ring';
import type { MessageQueue } from '../message-queue';

const queues = (count: number, brokerName = 'broker-a', topic = 'T'): MessageQueue[] =>
  Array.from({ length: count }, (_, queueId) => ({ topic, brokerName, queueId }));
const cids = (count: number) => Array.from({ length: count }, (_, i) => `10.0.0.${i + 1}@c`);
const ids = (list: MessageQueue[]) => list.map((mq) => mq.queueId);
const shares = (strategy: AllocateStrategy, mqAll: MessageQueue[], cidAll: string[]) =>
  cidAll.map((cid) => ids(strategy.allocate('G', cid, mqAll, cidAll)));

describe('AllocateMessageQueueAveragely', () => {
  it('8 queues / 3 consumers => {0,1,2} {3,4,5} {6,7}', () => {
    expect(shares(allocateAveragely, queues(8), cids(3))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7]]);
  });

  it('3 queues / 5 consumers => one each for the first three, nothing for the last two', () => {
    expect(shares(allocateAveragely, queues(3), cids(5))).toEqual([[0], [1], [2], [], []]);
  });

  it('an even split and a single consumer', () => {
    expect(shares(allocateAveragely, queues(8), cids(4))).toEqual([[0, 1], [2, 3], [4, 5], [6, 7]]);
    expect(shares(allocateAveragely, queues(4), cids(1))).toEqual([[0, 1, 2, 3]]);
  });

  it('10 queues / 4 consumers => 3,3,2,2', () => {
    expect(shares(allocateAveragely, queues(10), cids(4))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]);
  });

  it('gives nothing to a client the broker does not list yet', () => {
    expect(allocateAveragely.allocate('G', 'stranger@x', queues(4), cids(2))).toEqual([]);
  });

  it('every queue is owned exactly once whatever the counts', () => {
    for (let n = 1; n <= 12; n++) {
      for (let c = 1; c <= 7; c++) {
        const all = shares(allocateAveragely, queues(n), cids(c)).flat().sort((a, b) => a - b);
        expect(all).toEqual(ids(queues(n)));
      }
    }
  });
});

describe('AllocateMessageQueueAveragelyByCircle', () => {
  it('8 queues / 3 consumers => {0,3,6} {1,4,7} {2,5}', () => {
    expect(shares(allocateAveragelyByCircle, queues(8), cids(3))).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
  });

  it('3 queues / 5 consumers', () => {
    expect(shares(allocateAveragelyByCircle, queues(3), cids(5))).toEqual([[0], [1], [2], [], []]);
  });
});

describe('AllocateMessageQueueConsistentHash', () => {
  it('places points at the first 4 MD5 bytes, unsigned big-endian', () => {
    // MD5("a") = 0cc175b9c0f1b6a8..., so the position is 0x0cc175b9.
    expect(md5Position('a')).toBe(0x0cc175b9);
    // MD5("") = d41d8cd98f00b204..., above 2^31: read as unsigned.
    expect(md5Position('')).toBe(0xd41d8cd9);
  });

  it('routes a key to the first point at or after its position, wrapping around', () => {
    const ring = new ConsistentHashRing(['n1', 'n2'], 3);
    const points = ['n1', 'n2'].flatMap((node) => [0, 1, 2].map((i) => ({ node, position: md5Position(`${node}-${i}`) })));
    points.sort((a, b) => a.position - b.position);
    for (const key of ['x', 'y', 'MessageQueue [topic=T, brokerName=b, queueId=0]', 'zzz']) {
      const position = md5Position(key);
      const owner = points.find((point) => point.position >= position) ?? points[0];
      expect(ring.route(key)).toBe(owner.node);
    }
  });

  it('splits the queues without overlap and moves few queues when a consumer joins', () => {
    const strategy = allocateByConsistentHash();
    const mqAll = [...queues(8, 'broker-a'), ...queues(8, 'broker-b')];
    expect(shares(strategy, mqAll, cids(3)).flat()).toHaveLength(16);
    const byQueue = (cidAll: string[]) => {
      const map = new Map<string, string>();
      for (const cid of cidAll) for (const mq of strategy.allocate('G', cid, mqAll, cidAll)) map.set(`${mq.brokerName}/${mq.queueId}`, cid);
      return map;
    };
    const three = byQueue(cids(3));
    const four = byQueue(cids(4));
    expect(three.size).toBe(16);
    expect(four.size).toBe(16);
    // Queues that changed owner all went to the newcomer.
    for (const [queue, cid] of four) if (three.get(queue) !== cid) expect(cid).toBe(cids(4)[3]);
  });
});

describe('AllocateMessageQueueByConfig / ByMachineRoom / MachineRoomNearby', () => {
  it('ByConfig returns the configured list for anyone', () => {
    const fixed = queues(2);
    expect(allocateByConfig(fixed).allocate('G', 'any@1', queues(8), cids(3))).toEqual(fixed);
  });

  it('ByMachineRoom keeps queues of brokers named room@name in the consumer rooms, then deals the rest', () => {
    const mqAll = [...queues(3, 'hz@broker-a'), ...queues(3, 'sh@broker-b'), ...queues(2, 'broker-c')];
    const strategy = allocateByMachineRoom(['hz', 'sh']);
    // 6 eligible queues (hz 0-2, sh 0-2) among 4 consumers: floor(6/4)=1 each, remainder 2 to the first two.
    const result = cids(4).map((cid) => strategy.allocate('G', cid, mqAll, cids(4)).map((mq) => `${mq.brokerName}:${mq.queueId}`));
    expect(result).toEqual([
      ['hz@broker-a:0', 'sh@broker-b:1'],
      ['hz@broker-a:1', 'sh@broker-b:2'],
      ['hz@broker-a:2'],
      ['sh@broker-b:0'],
    ]);
  });

  it('MachineRoomNearby gives a room its own queues and shares rooms without consumers', () => {
    const mqAll = [...queues(2, 'hz-broker'), ...queues(2, 'sh-broker'), ...queues(2, 'bj-broker')];
    const resolver = {
      brokerDeployIn: (mq: MessageQueue) => mq.brokerName.split('-')[0],
      consumerDeployIn: (cid: string) => cid.split('@')[1],
    };
    const strategy = allocateMachineRoomNearby(allocateAveragely, resolver);
    const cidAll = ['1@hz', '2@sh'];
    const of = (cid: string) => strategy.allocate('G', cid, mqAll, cidAll).map((mq) => `${mq.brokerName}:${mq.queueId}`);
    // bj has no consumer: its two queues are shared by both rooms.
    expect(of('1@hz')).toEqual(['hz-broker:0', 'hz-broker:1', 'bj-broker:0']);
    expect(of('2@sh')).toEqual(['sh-broker:0', 'sh-broker:1', 'bj-broker:1']);
    expect(strategy.name).toBe('MACHINE_ROOM_NEARBY-AVG');
  });

  it('finds strategies by upstream and class names', () => {
    expect(allocateStrategyByName('AVG')).toBe(allocateAveragely);
    expect(allocateStrategyByName('AllocateMessageQueueAveragelyByCircle')).toBe(allocateAveragelyByCircle);
    expect(allocateStrategyByName('CONSISTENT_HASH').name).toBe('CONSISTENT_HASH');
    expect(() => allocateStrategyByName('NOPE')).toThrow(/unknown allocation strategy/);
  });
});
