import { defineHeader, type HeaderOf } from './define-header';

/** Statistics requests sent to a broker (spec/remoting.md §11.4, semantics.md §14). */

/**
 * VIEW_BROKER_STATS_DATA (315): body BrokerStatsData. statsName e.g. TOPIC_PUT_NUMS (key: topic),
 * GROUP_GET_NUMS (key: topic@group), BROKER_PUT_NUMS (key: cluster name). Unknown answers SYSTEM_ERROR.
 */
export const ViewBrokerStatsDataRequestHeader = defineHeader({ statsName: 'string!', statsKey: 'string!' });
export type ViewBrokerStatsDataRequestHeader = HeaderOf<typeof ViewBrokerStatsDataRequestHeader>;

/** GET_BROKER_CONSUME_STATS (317): body ConsumeStatsList; the key is literally `isOrder`. */
export const GetBrokerConsumeStatsRequestHeader = defineHeader({ isOrder: 'boolean!' });
export type GetBrokerConsumeStatsRequestHeader = HeaderOf<typeof GetBrokerConsumeStatsRequestHeader>;

/** The statistics names of BrokerStatsManager. */
export const BrokerStatsName = {
  TOPIC_PUT_NUMS: 'TOPIC_PUT_NUMS',
  TOPIC_PUT_SIZE: 'TOPIC_PUT_SIZE',
  GROUP_GET_NUMS: 'GROUP_GET_NUMS',
  GROUP_GET_SIZE: 'GROUP_GET_SIZE',
  SNDBCK_PUT_NUMS: 'SNDBCK_PUT_NUMS',
  BROKER_PUT_NUMS: 'BROKER_PUT_NUMS',
  BROKER_GET_NUMS: 'BROKER_GET_NUMS',
  GROUP_GET_FROM_DISK_NUMS: 'GROUP_GET_FROM_DISK_NUMS',
  GROUP_GET_FROM_DISK_SIZE: 'GROUP_GET_FROM_DISK_SIZE',
  BROKER_GET_FROM_DISK_NUMS: 'BROKER_GET_FROM_DISK_NUMS',
  BROKER_GET_FROM_DISK_SIZE: 'BROKER_GET_FROM_DISK_SIZE',
  GROUP_GET_LATENCY: 'GROUP_GET_LATENCY',
} as const;
export type BrokerStatsName = (typeof BrokerStatsName)[keyof typeof BrokerStatsName];
