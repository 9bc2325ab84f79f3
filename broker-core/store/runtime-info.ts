import { diskCapacity } from './disk-usage';
import type { StoreComponents } from './store-assembly';

/** Helpers for the store keys of GET_BROKER_RUNTIME_INFO (spec/remoting.md §13.6). */

/** Java `MixAll.humanReadableByteCount(bytes, false)`: "512 B", "1.5 KiB", "49.2 GiB". */
export function humanReadableByteCount(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const exponent = Math.min(6, Math.floor(Math.log(bytes) / Math.log(1024)));
  return `${(bytes / 1024 ** exponent).toFixed(1)} ${'KMGTPE'[exponent - 1]}iB`;
}

/** Java's Double.toString for a ratio such as 0.23 (integers get ".0"). */
export function javaDoubleString(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** Store keys the broker merges into its runtime info (upstream `DefaultMessageStore#getRuntimeInfo` and friends). */
export function storeRuntimeInfo(
  parts: Pick<StoreComponents, 'paths' | 'commitLog' | 'reput' | 'flusher'>,
  disk: { commitLogRatio: number; consumeQueueRatio: number },
  earliestMessageTime: number,
): Record<string, string> {
  const { paths, commitLog, reput, flusher } = parts;
  const capacity = diskCapacity(paths.commitLog);
  const begin = commitLog.beginTimeInLock;
  return {
    [`commitLogDiskRatio_${paths.commitLog}`]: javaDoubleString(disk.commitLogRatio),
    commitLogDiskRatio: javaDoubleString(disk.commitLogRatio),
    consumeQueueDiskRatio: javaDoubleString(disk.consumeQueueRatio),
    commitLogDirCapacity: `Total : ${humanReadableByteCount(capacity.total)}, Free : ${humanReadableByteCount(capacity.free)}.`,
    commitLogMinOffset: String(commitLog.minOffset),
    commitLogMaxOffset: String(commitLog.maxOffset),
    dispatchBehindBytes: String(reput.behindBytes),
    dispatchMaxBuffer: String(reput.maxChunkRead),
    pageCacheLockTimeMills: String(begin > 0 ? Date.now() - begin : 0),
    earliestMessageTimeStamp: String(earliestMessageTime),
    // No transient store pool: upstream reports Integer.MAX_VALUE then.
    remainTransientStoreBufferNumbs: String(2147483647),
    remainHowManyDataToFlush: humanReadableByteCount(Math.max(0, commitLog.maxOffset - flusher.flushed)),
  };
}
