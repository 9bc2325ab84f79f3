import { defineHeader, type HeaderOf } from './define-header';

/** Offset requests of consumers and admin tools (spec/remoting.md §11.2). Offsets are queue offsets (message index). */

/** QUERY_CONSUMER_OFFSET (14). No stored offset answers QUERY_NOT_FOUND (22), never SYSTEM_ERROR. */
export const QueryConsumerOffsetRequestHeader = defineHeader({
  consumerGroup: 'string!',
  topic: 'string!',
  queueId: 'int!',
  /** 5.x: false makes an absent offset always QUERY_NOT_FOUND. */
  setZeroIfNotFound: 'boolean',
});
export type QueryConsumerOffsetRequestHeader = HeaderOf<typeof QueryConsumerOffsetRequestHeader>;

export const QueryConsumerOffsetResponseHeader = defineHeader({ offset: 'long!' });
export type QueryConsumerOffsetResponseHeader = HeaderOf<typeof QueryConsumerOffsetResponseHeader>;

/** UPDATE_CONSUMER_OFFSET (15), usually oneway. commitOffset = next offset to consume. */
export const UpdateConsumerOffsetRequestHeader = defineHeader({
  consumerGroup: 'string!',
  topic: 'string!',
  queueId: 'int!',
  commitOffset: 'long!',
});
export type UpdateConsumerOffsetRequestHeader = HeaderOf<typeof UpdateConsumerOffsetRequestHeader>;

/** GET_MAX_OFFSET (30): the next offset to be written. */
export const GetMaxOffsetRequestHeader = defineHeader({
  topic: 'string!',
  queueId: 'int!',
  /** 5.x, default true. */
  committed: 'boolean',
});
export type GetMaxOffsetRequestHeader = HeaderOf<typeof GetMaxOffsetRequestHeader>;

export const GetMaxOffsetResponseHeader = defineHeader({ offset: 'long!' });
export type GetMaxOffsetResponseHeader = HeaderOf<typeof GetMaxOffsetResponseHeader>;

/** GET_MIN_OFFSET (31). */
export const GetMinOffsetRequestHeader = defineHeader({ topic: 'string!', queueId: 'int!' });
export type GetMinOffsetRequestHeader = HeaderOf<typeof GetMinOffsetRequestHeader>;

export const GetMinOffsetResponseHeader = defineHeader({ offset: 'long!' });
export type GetMinOffsetResponseHeader = HeaderOf<typeof GetMinOffsetResponseHeader>;

/** GET_EARLIEST_MSG_STORETIME (32). */
export const GetEarliestMsgStoretimeRequestHeader = defineHeader({ topic: 'string!', queueId: 'int!' });
export type GetEarliestMsgStoretimeRequestHeader = HeaderOf<typeof GetEarliestMsgStoretimeRequestHeader>;

export const GetEarliestMsgStoretimeResponseHeader = defineHeader({ timestamp: 'long!' });
export type GetEarliestMsgStoretimeResponseHeader = HeaderOf<typeof GetEarliestMsgStoretimeResponseHeader>;

/** SEARCH_OFFSET_BY_TIMESTAMP (29). boundaryType (5.x): "lower" (default) or "upper". */
export const SearchOffsetRequestHeader = defineHeader({
  topic: 'string!',
  queueId: 'int!',
  timestamp: 'long!',
  boundaryType: 'string',
});
export type SearchOffsetRequestHeader = HeaderOf<typeof SearchOffsetRequestHeader>;

export const SearchOffsetResponseHeader = defineHeader({ offset: 'long!' });
export type SearchOffsetResponseHeader = HeaderOf<typeof SearchOffsetResponseHeader>;
