import { parseJavaProperties, stringifyJavaProperties } from '../../common/java-properties';
import { decodeBrokerStatsData, type BrokerStatsData } from '../../protocol/bodies/broker-stats-data';
import { parseDataVersion, type DataVersion } from '../../protocol/bodies/data-version';
import { GetBrokerConfigResponseHeader } from '../../protocol/headers/broker-config';
import { ViewBrokerStatsDataRequestHeader } from '../../protocol/headers/admin-stats';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/** Broker configuration and statistics (spec/remoting.md §11.4). Same conventions as broker-topic-admin.ts. */

export interface BrokerConfigSnapshot {
  /** Every key the broker reports, as text (Java Properties). */
  config: Record<string, string>;
  /** The configuration's data version, when the broker sent a parsable one. */
  version?: DataVersion;
}

/** GET_BROKER_CONFIG: body = properties text; header `version` = DataVersion JSON. */
export async function getBrokerConfig(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<BrokerConfigSnapshot> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_BROKER_CONFIG, {}, timeoutMs);
  const snapshot: BrokerConfigSnapshot = {
    config: Object.fromEntries(parseJavaProperties(response.body?.toString('utf8') ?? '')),
  };
  try {
    snapshot.version = parseDataVersion(GetBrokerConfigResponseHeader.decode(response.extFields).version);
  } catch {
    // Older brokers omit it; the configuration itself is what callers need.
  }
  return snapshot;
}

/** UPDATE_BROKER_CONFIG: changes the given keys (the broker persists them; some need a restart to apply). */
export async function updateBrokerConfig(
  remoting: RemotingClient,
  brokerAddr: string,
  properties: Record<string, string>,
  timeoutMs = 3000,
): Promise<void> {
  const body = Buffer.from(stringifyJavaProperties(Object.entries(properties)), 'utf8');
  await invokeChecked(remoting, brokerAddr, RequestCode.UPDATE_BROKER_CONFIG, { body }, timeoutMs);
}

/** VIEW_BROKER_STATS_DATA: minute / hour / day figures of one statistic (e.g. TOPIC_PUT_NUMS of a topic). */
export async function viewBrokerStatsData(
  remoting: RemotingClient,
  brokerAddr: string,
  statsName: string,
  statsKey: string,
  timeoutMs = 3000,
): Promise<BrokerStatsData> {
  const extFields = ViewBrokerStatsDataRequestHeader.encode({ statsName, statsKey });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.VIEW_BROKER_STATS_DATA, { extFields }, timeoutMs);
  return decodeBrokerStatsData(response.body ?? Buffer.alloc(0));
}
