import type { CommitLog } from '../commit-log';

/**
 * A slave's write path (spec/ha.md §2 "Slave receive"): bytes copied from the master's commit log go to the same
 * offset here, in the segment named by that offset's segment start (created when missing), and move the log's end.
 * A slave never appends messages of its own, so nothing else writes; the reput service then dispatches the bytes as
 * it would on the master.
 */
export function appendReplicated(commitLog: CommitLog, offset: number, data: Buffer): void {
  if (commitLog.isWriting) throw new Error('a replicating commit log must not take local appends');
  const end = commitLog.maxOffset;
  if (end !== 0 && offset !== end) throw new RangeError(`replicated bytes at ${offset} do not continue the commit log at ${end}`);
  const segmentSize = commitLog.segmentSize;
  const start = offset - (offset % segmentSize);
  if (offset - start + data.length > segmentSize) throw new RangeError(`replicated bytes at ${offset} (${data.length}) cross a segment end`);
  const segments = commitLog.segments;
  let segment = segments.findByOffset(offset);
  if (!segment || segment.startOffset !== start) segment = segments.create(start);
  segment.writeSync(data, offset - start);
  segment.wrotePosition = offset - start + data.length;
  commitLog.resetMaxOffset(offset + data.length);
  commitLog.onAppended(commitLog.maxOffset);
}
