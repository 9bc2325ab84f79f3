import { Versions } from '../../protocol/mq-version';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { encodeClusterInfo } from '../../protocol/bodies/cluster-info';
import { encodeTopicRouteData } from '../../protocol/bodies/topic-route-data';
import { GetRouteInfoRequestHeader } from '../../protocol/headers/namesrv-route';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../namesrv-config';
import type { NamesrvContext } from '../namesrv-context';

/** Java FAQUrl.suggestTodo(APPLY_TOPIC_URL), appended to TOPIC_NOT_EXIST remarks. */
const APPLY_TOPIC_TIP = '\nSee http://rocketmq.apache.org/docs/faq/ for further details.';

/**
 * GET_ROUTEINFO_BY_TOPIC and GET_BROKER_CLUSTER_INFO (spec/remoting.md §11.5, §14). Routes are written in standard
 * JSON for requests of version >= 401 or with acceptStandardJsonOnly=true, else with bare broker-id keys (what older
 * clients such as ali-ons, version 121, expect); cluster info always with bare keys, as Java nameservers do.
 */
export function routeQueryProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.GET_ROUTEINFO_BY_TOPIC,
      (request) => {
        const header = GetRouteInfoRequestHeader.decode(request.extFields);
        const route = ctx.routes.pickupTopicRouteData(header.topic);
        if (!route) {
          throw new ResponseCodeError(
            ResponseCode.TOPIC_NOT_EXIST,
            `No topic route info in name server for the topic: ${header.topic}${APPLY_TOPIC_TIP}`,
          );
        }
        if (ctx.config.config.orderMessageEnable) {
          const orderTopicConf = ctx.kvConfig.get(NAMESPACE_ORDER_TOPIC_CONFIG, header.topic);
          if (orderTopicConf !== undefined) route.orderTopicConf = orderTopicConf;
        }
        const standardJson = request.version >= Versions.V4_9_4 || header.acceptStandardJsonOnly === true;
        return createResponse(request, ResponseCode.SUCCESS, { body: encodeTopicRouteData(route, { standardJson }) });
      },
    ],
    [
      RequestCode.GET_BROKER_CLUSTER_INFO,
      (request) =>
        createResponse(request, ResponseCode.SUCCESS, { body: encodeClusterInfo(ctx.routes.getAllClusterInfo()) }),
    ],
  ]);
}
