import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Replaces a small file so that a reader (or a crash) sees either the old content or the new one, never a torn file:
 * write `<path>.tmp`, fsync it, rename over `<path>`, then fsync the directory so the rename itself is durable.
 * Upstream's `MixAll.string2File` uses the same temp-then-rename scheme for kvConfig.json and config/*.json.
 *
 * Callers that may write the same path concurrently must serialize their calls (see SerialWriter below): two
 * overlapping writes would share the temp file.
 */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms/filesystems cannot fsync a directory; the rename is still atomic there.
  }
}

/**
 * Runs writes of one file one after another, each writing the snapshot current when it starts. A write requested
 * while another runs coalesces with other waiting requests into one more write, so the last state always lands.
 */
export class SerialWriter {
  private running: Promise<void> | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => string | Buffer,
  ) {}

  /** Resolves once a write that started after this call has completed. */
  write(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.running) {
      this.running = this.runOnce();
      return this.running;
    }
    const previous = this.running;
    this.pending = previous
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        this.running = this.runOnce();
        return this.running;
      });
    return this.pending;
  }

  /** Resolves when no write is running or queued (failures of those writes are their callers' to report). */
  async idle(): Promise<void> {
    while (this.pending ?? this.running) await (this.pending ?? this.running)?.catch(() => undefined);
  }

  private async runOnce(): Promise<void> {
    try {
      await writeFileAtomic(this.path, this.snapshot());
    } finally {
      this.running = undefined;
    }
  }
}
