import { defineHeader, type HeaderOf } from './define-header';

/** Headers of the nameserver's route and topic requests (spec/remoting.md §11.5). */

/** GET_ROUTEINFO_BY_TOPIC (105). acceptStandardJsonOnly asks for quoted broker-id keys whatever the version. */
export const GetRouteInfoRequestHeader = defineHeader({
  topic: 'string!',
  acceptStandardJsonOnly: 'boolean',
});
export type GetRouteInfoRequestHeader = HeaderOf<typeof GetRouteInfoRequestHeader>;

/** GET_TOPICS_BY_CLUSTER (224). */
export const GetTopicsByClusterRequestHeader = defineHeader({
  cluster: 'string!',
});
export type GetTopicsByClusterRequestHeader = HeaderOf<typeof GetTopicsByClusterRequestHeader>;

/** DELETE_TOPIC_IN_NAMESRV (216). With clusterName (4.9.x/5.x) only that cluster's brokers lose the topic. */
export const DeleteTopicFromNamesrvRequestHeader = defineHeader({
  topic: 'string!',
  clusterName: 'string',
});
export type DeleteTopicFromNamesrvRequestHeader = HeaderOf<typeof DeleteTopicFromNamesrvRequestHeader>;
