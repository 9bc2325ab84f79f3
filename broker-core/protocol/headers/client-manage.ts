import { defineHeader, type HeaderOf } from './define-header';

/**
 * Client registration requests (spec/remoting.md §11.2). HEART_BEAT (34) has no header: its body is HeartbeatData
 * (protocol/bodies/heartbeat-data.ts), and its answer carries the extFields below.
 */
export const HEARTBEAT_RESPONSE_SUPPORT_V2_KEY = 'IS_SUPPORT_HEART_BEAT_V2';
export const HEARTBEAT_RESPONSE_SUB_CHANGE_KEY = 'IS_SUB_CHANGE';

/** UNREGISTER_CLIENT (35): either group may be absent. */
export const UnregisterClientRequestHeader = defineHeader({
  clientID: 'string!',
  producerGroup: 'string',
  consumerGroup: 'string',
});
export type UnregisterClientRequestHeader = HeaderOf<typeof UnregisterClientRequestHeader>;

/** GET_CONSUMER_LIST_BY_GROUP (38): body ConsumerListBody; no consumer answers SYSTEM_ERROR. */
export const GetConsumerListByGroupRequestHeader = defineHeader({ consumerGroup: 'string!' });
export type GetConsumerListByGroupRequestHeader = HeaderOf<typeof GetConsumerListByGroupRequestHeader>;

/** NOTIFY_CONSUMER_IDS_CHANGED (40), broker -> every consumer of the group, oneway. */
export const NotifyConsumerIdsChangedRequestHeader = defineHeader({ consumerGroup: 'string!' });
export type NotifyConsumerIdsChangedRequestHeader = HeaderOf<typeof NotifyConsumerIdsChangedRequestHeader>;
