import { defineHeader, type HeaderOf } from './define-header';

/** Message look-ups (spec/remoting.md §11.3). Bodies are stored records back to back. */

/**
 * QUERY_MESSAGE (12). With extField `_UNIQUE_KEY_QUERY=true` the key is a UNIQ_KEY and the broker uses its own
 * defaultQueryMaxNum. None found answers QUERY_NOT_FOUND.
 */
export const QueryMessageRequestHeader = defineHeader({
  topic: 'string!',
  key: 'string!',
  maxNum: 'int!',
  beginTimestamp: 'long!',
  endTimestamp: 'long!',
});
export type QueryMessageRequestHeader = HeaderOf<typeof QueryMessageRequestHeader>;

export const UNIQUE_KEY_QUERY_KEY = '_UNIQUE_KEY_QUERY';

export const QueryMessageResponseHeader = defineHeader({
  indexLastUpdateTimestamp: 'long!',
  indexLastUpdatePhyoffset: 'long!',
});
export type QueryMessageResponseHeader = HeaderOf<typeof QueryMessageResponseHeader>;

/** VIEW_MESSAGE_BY_ID (33): offset = commit-log offset decoded from an offset message id. */
export const ViewMessageRequestHeader = defineHeader({
  offset: 'long!',
  /** 5.x */
  topic: 'string',
});
export type ViewMessageRequestHeader = HeaderOf<typeof ViewMessageRequestHeader>;
