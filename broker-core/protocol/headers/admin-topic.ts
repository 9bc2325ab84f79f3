import { defineHeader, type HeaderOf } from './define-header';

/** Topic administration requests sent to a broker (spec/remoting.md §11.4). */

/** UPDATE_AND_CREATE_TOPIC (17). The broker re-registers with the nameservers afterwards. */
export const CreateTopicRequestHeader = defineHeader({
  topic: 'string!',
  defaultTopic: 'string!',
  readQueueNums: 'int!',
  writeQueueNums: 'int!',
  perm: 'int!',
  /** SINGLE_TAG or MULTI_TAG */
  topicFilterType: 'string!',
  topicSysFlag: 'int',
  order: 'boolean!',
  /** 5.x: "+key=value,+k2=v2" adds, "-key" removes. */
  attributes: 'string',
  /** 5.x */
  force: 'boolean',
});
export type CreateTopicRequestHeader = HeaderOf<typeof CreateTopicRequestHeader>;

/** DELETE_TOPIC_IN_BROKER (215). */
export const DeleteTopicRequestHeader = defineHeader({ topic: 'string!' });
export type DeleteTopicRequestHeader = HeaderOf<typeof DeleteTopicRequestHeader>;

/** GET_TOPIC_STATS_INFO (202): body TopicStatsTable; unknown topic answers TOPIC_NOT_EXIST. */
export const GetTopicStatsInfoRequestHeader = defineHeader({ topic: 'string!' });
export type GetTopicStatsInfoRequestHeader = HeaderOf<typeof GetTopicStatsInfoRequestHeader>;

/** QUERY_TOPIC_CONSUME_BY_WHO (300): body GroupList. */
export const QueryTopicConsumeByWhoRequestHeader = defineHeader({ topic: 'string!' });
export type QueryTopicConsumeByWhoRequestHeader = HeaderOf<typeof QueryTopicConsumeByWhoRequestHeader>;

/** QUERY_TOPICS_BY_CONSUMER (343, 5.x): body TopicList with brokerAddr. */
export const QueryTopicsByConsumerRequestHeader = defineHeader({ group: 'string!' });
export type QueryTopicsByConsumerRequestHeader = HeaderOf<typeof QueryTopicsByConsumerRequestHeader>;
