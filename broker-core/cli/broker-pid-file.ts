import { join } from 'node:path';

/**
 * Where `mqbroker` writes its PID and where `mqshutdown broker` looks for it: `<storePathRootDir>/broker.pid`.
 * Upstream's script finds the Java process by name; a PID file under the store root plays that part, and since
 * two brokers never share a store root, it also tells brokers on one machine apart.
 */
export const BROKER_PID_FILE_NAME = 'broker.pid';

export function brokerPidFilePath(config: { storePathRootDir: string }): string {
  return join(config.storePathRootDir, BROKER_PID_FILE_NAME);
}
