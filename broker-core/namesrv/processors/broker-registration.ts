import { javaCrc32 } from '../../common/crc32';
import { Versions } from '../../protocol/mq-version';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { encodeDataVersion, parseDataVersion } from '../../protocol/bodies/data-version';
import { encodeKVTable } from '../../protocol/bodies/kv-table';
import { decodeRegisterBrokerBody, type RegisterBrokerBody } from '../../protocol/bodies/register-broker-body';
import { emptyTopicConfigWrapper, parseTopicConfigWrapper } from '../../protocol/bodies/topic-config-wrapper';
import {
  QueryDataVersionRequestHeader,
  QueryDataVersionResponseHeader,
  RegisterBrokerRequestHeader,
  RegisterBrokerResponseHeader,
  UnregisterBrokerRequestHeader,
} from '../../protocol/headers/namesrv-register-broker';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { NAMESPACE_ORDER_TOPIC_CONFIG } from '../namesrv-config';
import type { NamesrvContext } from '../namesrv-context';

/**
 * REGISTER_BROKER, UNREGISTER_BROKER and QUERY_DATA_VERSION (spec/remoting.md §11.5, semantics.md §12.1).
 * A registration with a non-zero bodyCrc32 must match CRC32 & 0x7FFFFFFF of the body ("crc32 not match" otherwise);
 * brokers older than 3.0.11 (version < 37) send a bare TopicConfigSerializeWrapper instead of a RegisterBrokerBody.
 */
export function brokerRegistrationProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.REGISTER_BROKER, (request, connection) => registerBroker(ctx, request, connection)],
    [
      RequestCode.UNREGISTER_BROKER,
      (request) => {
        const header = UnregisterBrokerRequestHeader.decode(request.extFields);
        ctx.routes.unregisterBroker(header.clusterName, header.brokerAddr, header.brokerName, header.brokerId);
        return createResponse(request, ResponseCode.SUCCESS);
      },
    ],
    [
      RequestCode.QUERY_DATA_VERSION,
      (request) => {
        const header = QueryDataVersionRequestHeader.decode(request.extFields);
        const brokerVersion = decodeOrFail(() => parseDataVersion(request.body ?? Buffer.alloc(0)), 'DataVersion');
        const changed = ctx.routes.isBrokerTopicConfigChanged(header.brokerAddr, brokerVersion);
        // An unchanged broker skips REGISTER_BROKER, so this query is its heartbeat.
        if (!changed) ctx.routes.liveTable.touch(header.brokerAddr, Date.now());
        const ours = ctx.routes.queryBrokerDataVersion(header.brokerAddr);
        return createResponse(request, ResponseCode.SUCCESS, {
          extFields: QueryDataVersionResponseHeader.encode({ changed }),
          body: ours ? encodeDataVersion(ours) : undefined,
        });
      },
    ],
  ]);
}

function registerBroker(
  ctx: NamesrvContext,
  request: RemotingCommand,
  connection: Parameters<RequestHandler>[1],
): RemotingCommand {
  const header = RegisterBrokerRequestHeader.decode(request.extFields);
  const body = request.body ?? Buffer.alloc(0);
  if (header.bodyCrc32 !== undefined && header.bodyCrc32 !== 0 && javaCrc32(body) !== header.bodyCrc32) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'crc32 not match');
  }
  let registration: { wrapper: RegisterBrokerBody['topicConfigSerializeWrapper']; filterServerList?: string[] };
  if (request.version >= Versions.V3_0_11) {
    const decoded =
      body.length > 0
        ? decodeOrFail(() => decodeRegisterBrokerBody(body, header.compressed === true), 'RegisterBrokerBody')
        : { topicConfigSerializeWrapper: emptyTopicConfigWrapper(), filterServerList: [] };
    registration = { wrapper: decoded.topicConfigSerializeWrapper, filterServerList: decoded.filterServerList };
  } else {
    registration = {
      wrapper:
        body.length > 0
          ? decodeOrFail(() => parseTopicConfigWrapper(body), 'TopicConfigSerializeWrapper')
          : emptyTopicConfigWrapper(),
    };
  }
  const config = ctx.config.config;
  const result = ctx.routes.registerBroker({
    clusterName: header.clusterName,
    brokerAddr: header.brokerAddr,
    brokerName: header.brokerName,
    brokerId: header.brokerId,
    haServerAddr: header.haServerAddr,
    topicConfigWrapper: registration.wrapper,
    filterServerList: registration.filterServerList,
    connection,
    timeoutMillis:
      header.heartbeatTimeoutMillis && header.heartbeatTimeoutMillis > 0
        ? header.heartbeatTimeoutMillis
        : config.brokerChannelExpiredTime,
  });
  const orderTopics = config.returnOrderTopicConfigToBroker
    ? ctx.kvConfig.namespace(NAMESPACE_ORDER_TOPIC_CONFIG)
    : undefined;
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: RegisterBrokerResponseHeader.encode(result),
    body: orderTopics ? encodeKVTable({ table: orderTopics }) : undefined,
  });
}

/** A body that does not decode is the request's fault: SYSTEM_ERROR with the reason, as Java answers. */
function decodeOrFail<T>(decode: () => T, what: string): T {
  try {
    return decode();
  } catch (error) {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `Failed to decode ${what}: ${(error as Error).message}`);
  }
}
