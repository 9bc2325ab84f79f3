import type { PlainPermissionManager } from '../../../acl';
import { stringifyFastjson } from '../../../common/fastjson';
import { dataVersionToJson } from '../../../protocol/bodies/data-version';
import {
  AclResponseCode,
  CreateAccessConfigRequestHeader,
  DeleteAccessConfigRequestHeader,
  GetBrokerAclConfigResponseHeader,
  UpdateGlobalWhiteAddrsConfigRequestHeader,
} from '../../../protocol/headers/acl-config';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';

/**
 * ACL management (spec/acl.md §9): accounts and global white addresses changed over the wire are written back to the
 * YAML file that holds them. With ACL off every request answers its failure code saying so.
 */
const splitList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

async function guarded(failCode: number, ctx: BrokerContext, action: (acl: PlainPermissionManager) => unknown): Promise<void> {
  const acl = ctx.acl;
  if (!acl) throw new ResponseCodeError(failCode, 'ACL is not enabled on this broker (aclEnable=false)');
  try {
    await action(acl);
  } catch (error) {
    throw new ResponseCodeError(failCode, (error as Error).message);
  }
}

async function updateAccount(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = CreateAccessConfigRequestHeader.decode(request.extFields);
  await guarded(AclResponseCode.UPDATE_AND_CREATE_ACL_CONFIG_FAILED, ctx, (acl) =>
    acl.updateAccount({
      accessKey: header.accessKey,
      secretKey: header.secretKey ?? '',
      whiteRemoteAddress: header.whiteRemoteAddress,
      admin: header.admin ?? false,
      defaultTopicPerm: header.defaultTopicPerm,
      defaultGroupPerm: header.defaultGroupPerm,
      topicPerms: splitList(header.topicPerms),
      groupPerms: splitList(header.groupPerms),
    }),
  );
  return createResponse(request, ResponseCode.SUCCESS);
}

async function deleteAccount(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const { accessKey } = DeleteAccessConfigRequestHeader.decode(request.extFields);
  await guarded(AclResponseCode.DELETE_ACL_CONFIG_FAILED, ctx, (acl) => acl.deleteAccount(accessKey));
  return createResponse(request, ResponseCode.SUCCESS);
}

async function updateGlobalWhiteAddrs(ctx: BrokerContext, request: RemotingCommand): Promise<RemotingCommand> {
  const header = UpdateGlobalWhiteAddrsConfigRequestHeader.decode(request.extFields);
  await guarded(AclResponseCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED, ctx, (acl) =>
    acl.updateGlobalWhiteAddresses(splitList(header.globalWhiteAddrs), header.aclFileFullPath),
  );
  return createResponse(request, ResponseCode.SUCCESS);
}

function aclManager(ctx: BrokerContext): PlainPermissionManager {
  if (!ctx.acl) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'ACL is not enabled on this broker (aclEnable=false)');
  return ctx.acl;
}

function aclInfo(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { version, allAclFileVersion } = aclManager(ctx).aclVersion();
  const files = Object.fromEntries(Object.entries(allAclFileVersion).map(([path, fileVersion]) => [path, dataVersionToJson(fileVersion)]));
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: GetBrokerAclConfigResponseHeader.encode({
      version: stringifyFastjson(dataVersionToJson(version)),
      allAclFileVersion: stringifyFastjson(files),
      brokerName: ctx.config.brokerName,
      brokerAddr: ctx.brokerAddr,
      clusterName: ctx.config.brokerClusterName,
    }),
  });
}

function aclConfig(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const snapshot = aclManager(ctx).snapshot();
  return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(JSON.stringify(snapshot), 'utf8') });
}

export function aclConfigProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, (request) => updateAccount(ctx, request)],
    [RequestCode.DELETE_ACL_CONFIG, (request) => deleteAccount(ctx, request)],
    [RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, (request) => updateGlobalWhiteAddrs(ctx, request)],
    [RequestCode.GET_BROKER_CLUSTER_ACL_INFO, (request) => aclInfo(ctx, request)],
    [RequestCode.GET_BROKER_CLUSTER_ACL_CONFIG, (request) => aclConfig(ctx, request)],
  ]);
}
