import * as fs from 'node:fs';

/**
 * Used fraction (0..1) of the partition holding `path`, as upstream computes it: used / (used + available to us),
 * rounded up to whole percent. Injectable so retention tests can pretend a disk is full.
 */
export type DiskUsageProbe = (path: string) => number;

export const statfsDiskUsage: DiskUsageProbe = (path) => {
  try {
    const stats = fs.statfsSync(path);
    const used = (stats.blocks - stats.bfree) * stats.bsize;
    const usable = stats.bavail * stats.bsize;
    if (used + usable <= 0) return -1;
    return Math.ceil((used * 100) / (used + usable)) / 100;
  } catch {
    return -1;
  }
};

export function diskCapacity(path: string): { total: number; free: number } {
  try {
    const stats = fs.statfsSync(path);
    return { total: stats.blocks * stats.bsize, free: stats.bavail * stats.bsize };
  } catch {
    return { total: 0, free: 0 };
  }
}
