import { defineHeader, type HeaderOf } from './define-header';

/**
 * Less common broker admin requests (spec/remoting.md §11.4) that the admin client sends.
 * CLEAN_EXPIRED_CONSUMEQUEUE (306), CLEAN_UNUSED_TOPIC (316) and DELETE_EXPIRED_COMMITLOG (329, 5.x) have no header.
 */

/** QUERY_CORRECTION_OFFSET (308): body `{"correctionOffsets":{<queueId>:<offset>}}`. filterGroups is `,`-separated. */
export const QueryCorrectionOffsetRequestHeader = defineHeader({
  topic: 'string!',
  compareGroup: 'string!',
  filterGroups: 'string',
});
export type QueryCorrectionOffsetRequestHeader = HeaderOf<typeof QueryCorrectionOffsetRequestHeader>;

/** GET_TOPIC_CONFIG (351, 5.x): body TopicConfigAndQueueMapping (a TopicConfig plus mapping members). */
export const GetTopicConfigRequestHeader = defineHeader({ topic: 'string!' });
export type GetTopicConfigRequestHeader = HeaderOf<typeof GetTopicConfigRequestHeader>;
