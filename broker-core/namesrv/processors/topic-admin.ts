import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { encodeTopicList } from '../../protocol/bodies/topic-list';
import { TopicSysFlag } from '../../protocol/bodies/topic-config';
import type { QueueData } from '../../protocol/bodies/topic-route-data';
import {
  DeleteTopicFromNamesrvRequestHeader,
  GetTopicsByClusterRequestHeader,
} from '../../protocol/headers/namesrv-route';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { NamesrvContext } from '../namesrv-context';

/**
 * Topic lists and topic deletion on the nameserver (spec/remoting.md §11.5): every topic, the topics of a cluster,
 * the "system" topics (cluster and broker names), the unit-flag lists, and DELETE_TOPIC_IN_NAMESRV.
 */
export function topicAdminProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  const hasUnit = (queue: QueueData) => (queue.topicSysFlag & TopicSysFlag.UNIT) !== 0;
  const hasUnitSub = (queue: QueueData) => (queue.topicSysFlag & TopicSysFlag.UNIT_SUB) !== 0;
  const list = (request: RemotingCommand, topicList: string[], brokerAddr?: string) =>
    createResponse(request, ResponseCode.SUCCESS, {
      body: encodeTopicList(brokerAddr === undefined ? { topicList } : { topicList, brokerAddr }),
    });

  return new Map<number, RequestHandler>([
    [
      RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
      (request) => {
        if (!ctx.config.config.enableAllTopicList) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'disable');
        return list(request, ctx.routes.getAllTopicList());
      },
    ],
    [
      RequestCode.GET_TOPICS_BY_CLUSTER,
      (request) =>
        list(request, ctx.routes.getTopicsByCluster(GetTopicsByClusterRequestHeader.decode(request.extFields).cluster)),
    ],
    [
      RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS,
      (request) => {
        const system = ctx.routes.getSystemTopicList();
        return list(request, system.topicList, system.brokerAddr);
      },
    ],
    [RequestCode.GET_UNIT_TOPIC_LIST, (request) => list(request, ctx.routes.topicsWhere(hasUnit))],
    [RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, (request) => list(request, ctx.routes.topicsWhere(hasUnitSub))],
    [
      RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
      (request) =>
        list(
          request,
          ctx.routes.topicsWhere((queue) => !hasUnit(queue) && hasUnitSub(queue)),
        ),
    ],
    [
      RequestCode.DELETE_TOPIC_IN_NAMESRV,
      (request) => {
        const header = DeleteTopicFromNamesrvRequestHeader.decode(request.extFields);
        ctx.routes.deleteTopic(header.topic, header.clusterName);
        return createResponse(request, ResponseCode.SUCCESS);
      },
    ],
  ]);
}
