import { LENGTH_PREFIX_SIZE, MAX_FRAME_SIZE } from './command-codec';
import { RemotingDecodeError } from './remoting-error';

/**
 * Cuts a TCP byte stream into frames: handles partial reads (a frame split over chunks) and coalesced reads
 * (several frames in one chunk). Yields each frame without its 4-byte length prefix. A length prefix announcing more
 * than MAX_FRAME_SIZE (or less than the 4-byte header-length word) throws before any of it is buffered, so a hostile
 * peer cannot make us allocate 2 GiB.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(private readonly maxFrameSize: number = MAX_FRAME_SIZE) {}

  /** Feeds a chunk; returns the complete frames it finished. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < LENGTH_PREFIX_SIZE) break;
        const length = this.peekLength();
        if (length < 4 || length + LENGTH_PREFIX_SIZE > this.maxFrameSize) {
          throw new RemotingDecodeError(`frame length ${length} outside [4, ${this.maxFrameSize - LENGTH_PREFIX_SIZE}]`);
        }
        this.consume(LENGTH_PREFIX_SIZE);
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      frames.push(this.consume(this.expected));
      this.expected = -1;
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    return Buffer.concat(this.chunks, 4).subarray(0, 4).readInt32BE(0);
  }

  private consume(size: number): Buffer {
    const first = this.chunks[0];
    if (first.length >= size) {
      const result = first.subarray(0, size);
      if (first.length === size) this.chunks.shift();
      else this.chunks[0] = first.subarray(size);
      this.buffered -= size;
      return result;
    }
    const result = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const chunk = this.chunks[0];
      const take = Math.min(chunk.length, size - filled);
      chunk.copy(result, filled, 0, take);
      filled += take;
      if (take === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(take);
    }
    this.buffered -= size;
    return result;
  }
}
