import { createHash } from 'node:crypto';

/**
 * The hash ring of Java's `ConsistentHashRouter` with its default MD5 hash: a node's virtual points are keyed
 * `<node>-<i>`; a point's position is the first 4 bytes of the MD5 of the key's bytes, read as an unsigned
 * big-endian 32-bit number. Two points at the same position: the one added last wins (TreeMap.put).
 */
export function md5Position(key: string): number {
  return createHash('md5').update(key, 'utf8').digest().readUInt32BE(0);
}

export class ConsistentHashRing {
  private readonly positions: number[];
  private readonly owners = new Map<number, string>();

  constructor(nodes: readonly string[], virtualNodeCount: number) {
    for (const node of nodes) {
      for (let i = 0; i < virtualNodeCount; i++) this.owners.set(md5Position(`${node}-${i}`), node);
    }
    this.positions = [...this.owners.keys()].sort((a, b) => a - b);
  }

  /** The node owning `key`: the first point at or after its position, wrapping around; undefined on an empty ring. */
  route(key: string): string | undefined {
    if (this.positions.length === 0) return undefined;
    const position = md5Position(key);
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.positions[mid] < position) low = mid + 1;
      else high = mid;
    }
    return this.owners.get(this.positions[low === this.positions.length ? 0 : low]);
  }
}
