import { parseFastjson } from '../../common/fastjson';
import { decodeDataVersion, parseDataVersion, type DataVersion } from '../../protocol/bodies/data-version';
import {
  CreateAccessConfigRequestHeader,
  DeleteAccessConfigRequestHeader,
  GetBrokerAclConfigResponseHeader,
  UpdateGlobalWhiteAddrsConfigRequestHeader,
} from '../../protocol/headers/acl-config';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/** ACL 1.0 management on one broker (spec/acl.md §9; mqadmin updateAclConfig, deleteAclConfig, ...). */

export interface AccessConfigInput {
  accessKey: string;
  secretKey?: string;
  whiteRemoteAddress?: string;
  admin?: boolean;
  defaultTopicPerm?: string;
  defaultGroupPerm?: string;
  /** `topic=PERM` items. */
  topicPerms?: readonly string[];
  /** `group=PERM` items. */
  groupPerms?: readonly string[];
}

export interface BrokerAclVersion {
  brokerName: string;
  brokerAddr: string;
  clusterName: string;
  version?: DataVersion;
  /** ACL file path → its data version. */
  allAclFileVersion: Record<string, DataVersion>;
}

const joinList = (items: readonly string[] | undefined): string | undefined => (items && items.length > 0 ? items.join(',') : undefined);

/** UPDATE_AND_CREATE_ACL_CONFIG (50). */
export async function createOrUpdateAccessConfig(remoting: RemotingClient, brokerAddr: string, input: AccessConfigInput, timeoutMs = 3000): Promise<void> {
  const extFields = CreateAccessConfigRequestHeader.encode({
    ...input,
    topicPerms: joinList(input.topicPerms),
    groupPerms: joinList(input.groupPerms),
  });
  await invokeChecked(remoting, brokerAddr, RequestCode.UPDATE_AND_CREATE_ACL_CONFIG, { extFields }, timeoutMs);
}

/** DELETE_ACL_CONFIG (51). */
export async function deleteAccessConfig(remoting: RemotingClient, brokerAddr: string, accessKey: string, timeoutMs = 3000): Promise<void> {
  await invokeChecked(remoting, brokerAddr, RequestCode.DELETE_ACL_CONFIG, { extFields: DeleteAccessConfigRequestHeader.encode({ accessKey }) }, timeoutMs);
}

/** UPDATE_GLOBAL_WHITE_ADDRS_CONFIG (53); `aclFileFullPath` unset = the broker's plain_acl.yml. */
export async function updateGlobalWhiteAddrs(
  remoting: RemotingClient,
  brokerAddr: string,
  addresses: readonly string[],
  aclFileFullPath?: string,
  timeoutMs = 3000,
): Promise<void> {
  const extFields = UpdateGlobalWhiteAddrsConfigRequestHeader.encode({ globalWhiteAddrs: addresses.join(','), aclFileFullPath });
  await invokeChecked(remoting, brokerAddr, RequestCode.UPDATE_GLOBAL_WHITE_ADDRS_CONFIG, { extFields }, timeoutMs);
}

/** GET_BROKER_CLUSTER_ACL_INFO (52): the data versions of the broker's ACL files. */
export async function getBrokerAclVersion(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<BrokerAclVersion> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_BROKER_CLUSTER_ACL_INFO, {}, timeoutMs);
  const header = GetBrokerAclConfigResponseHeader.decode(response.extFields);
  const allAclFileVersion: Record<string, DataVersion> = {};
  if (header.allAclFileVersion) {
    const files = parseFastjson(header.allAclFileVersion);
    if (files && typeof files === 'object' && !Array.isArray(files)) {
      for (const [path, value] of Object.entries(files)) allAclFileVersion[path] = decodeDataVersion(value, path);
    }
  }
  return {
    brokerName: header.brokerName,
    brokerAddr: header.brokerAddr,
    clusterName: header.clusterName,
    version: parseDataVersion(header.version),
    allAclFileVersion,
  };
}
