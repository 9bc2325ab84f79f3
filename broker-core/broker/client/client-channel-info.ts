import type { Connection } from '../../remoting/connection';

/** One client connection as the broker knows it from heartbeats (Java `ClientChannelInfo`). */
export interface ClientChannelInfo {
  connection: Connection;
  clientId: string;
  /** LanguageCode name from the heartbeat request. */
  language: string;
  version: number;
  lastUpdateTimestamp: number;
}
