import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * PID files of the server CLIs, so `mqshutdown namesrv|broker` can find the process to signal without scanning
 * `ps` output as upstream's script does. The file holds the decimal PID and a newline. A server removes its file on
 * a clean shutdown, and only if the file still names it (a newer server may have taken the path over).
 */
export const NAMESRV_PID_FILE_NAME = 'namesrv.pid';

/** `<directory of kvConfigPath>/namesrv.pid`: `$HOME/namesrv/namesrv.pid` with the default configuration. */
export function namesrvPidFilePath(config: { kvConfigPath: string }): string {
  return join(dirname(config.kvConfigPath), NAMESRV_PID_FILE_NAME);
}

export function writePidFile(path: string, pid: number = process.pid): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${pid}\n`);
}

/** The PID a file names, or undefined if it is missing or does not hold a PID. */
export function readPidFile(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function removePidFile(path: string, pid: number = process.pid): void {
  if (readPidFile(path) === pid) rmSync(path, { force: true });
}
