import { defineHeader, type HeaderOf } from './define-header';

/**
 * Offset reset requests (spec/remoting.md §11.2, §11.4; semantics.md §10.5).
 *
 * INVOKE_BROKER_TO_RESET_OFFSET (222), admin -> broker, and RESET_CONSUMER_CLIENT_OFFSET (220), broker -> each
 * online consumer (oneway, body ResetOffsetBody), share this header. timestamp -1 means "the max offset". With no
 * consumer online the broker answers CONSUMER_NOT_ONLINE and mqadmin writes offsets itself.
 */
export const ResetOffsetRequestHeader = defineHeader({
  topic: 'string!',
  group: 'string!',
  timestamp: 'long!',
  isForce: 'boolean!',
  /** 5.x: -1 = every queue. */
  queueId: 'int',
  /** 5.x: an explicit offset instead of a timestamp. */
  offset: 'long',
});
export type ResetOffsetRequestHeader = HeaderOf<typeof ResetOffsetRequestHeader>;

/**
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223), admin -> broker, and GET_CONSUMER_STATUS_FROM_CLIENT (221),
 * broker -> consumer.
 */
export const GetConsumerStatusRequestHeader = defineHeader({
  topic: 'string!',
  group: 'string!',
  clientAddr: 'string',
});
export type GetConsumerStatusRequestHeader = HeaderOf<typeof GetConsumerStatusRequestHeader>;
