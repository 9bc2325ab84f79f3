import { ConfigError } from '../../../common/config/config-loader';
import { stringifyFastjson } from '../../../common/fastjson';
import { parseJavaProperties } from '../../../common/java-properties';
import { dataVersionToJson } from '../../../protocol/bodies/data-version';
import { GetBrokerConfigResponseHeader } from '../../../protocol/headers/broker-config';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';
import { blackListedKeys } from '../../config/broker-config';

/**
 * GET_BROKER_CONFIG (26): every key as properties text, with the configuration's DataVersion JSON in the `version`
 * header. UPDATE_BROKER_CONFIG (25): properties text; a black-listed key refuses the whole update with NO_PERMISSION;
 * keys the broker does not have are ignored (as upstream), a bad value answers SYSTEM_ERROR naming the key; the merged
 * configuration is written back to the broker's config file (spec/config.md §1).
 */
function getBrokerConfig(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  return createResponse(request, ResponseCode.SUCCESS, {
    body: Buffer.from(ctx.formatConfig(), 'utf8'),
    extFields: GetBrokerConfigResponseHeader.encode({ version: stringifyFastjson(dataVersionToJson(ctx.configVersion)) }),
  });
}

function updateBrokerConfig(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  if (!request.body || request.body.length === 0) return createResponse(request, ResponseCode.SUCCESS);
  const entries = [...parseJavaProperties(request.body.toString('utf8'))];
  const blackList = blackListedKeys(ctx.config);
  if (entries.some(([key]) => blackList.has(key))) throw new ResponseCodeError(ResponseCode.NO_PERMISSION, 'Can not update config in black list.');
  try {
    ctx.updateConfig(entries);
  } catch (error) {
    if (error instanceof ConfigError) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, error.message);
    throw error;
  }
  return createResponse(request, ResponseCode.SUCCESS);
}

export function brokerConfigProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_BROKER_CONFIG, (request) => getBrokerConfig(ctx, request)],
    [RequestCode.UPDATE_BROKER_CONFIG, (request) => updateBrokerConfig(ctx, request)],
  ]);
}
