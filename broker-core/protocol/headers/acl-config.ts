import { defineHeader, type HeaderOf } from './define-header';

/**
 * ACL 1.0 management requests (spec/acl.md §9). Lists travel comma-joined in one field (`t1=PUB,t2=SUB`).
 *
 *   50 UPDATE_AND_CREATE_ACL_CONFIG   CreateAccessConfigRequestHeader              → 0, or 209 with a remark
 *   51 DELETE_ACL_CONFIG              DeleteAccessConfigRequestHeader              → 0, or 210
 *   52 GET_BROKER_CLUSTER_ACL_INFO    —  → GetBrokerAclConfigResponseHeader (DataVersion JSON, file → DataVersion JSON)
 *   53 UPDATE_GLOBAL_WHITE_ADDRS_CONFIG UpdateGlobalWhiteAddrsConfigRequestHeader → 0, or 211
 *   54 GET_BROKER_CLUSTER_ACL_CONFIG  —  → JSON body {globalWhiteAddrs, plainAccessConfigs} (5.0-5.1)
 */
export const CreateAccessConfigRequestHeader = defineHeader({
  accessKey: 'string!',
  secretKey: 'string',
  whiteRemoteAddress: 'string',
  admin: 'boolean',
  defaultTopicPerm: 'string',
  defaultGroupPerm: 'string',
  topicPerms: 'string',
  groupPerms: 'string',
});
export type CreateAccessConfigRequestHeader = HeaderOf<typeof CreateAccessConfigRequestHeader>;

export const DeleteAccessConfigRequestHeader = defineHeader({ accessKey: 'string!' });
export type DeleteAccessConfigRequestHeader = HeaderOf<typeof DeleteAccessConfigRequestHeader>;

export const UpdateGlobalWhiteAddrsConfigRequestHeader = defineHeader({ globalWhiteAddrs: 'string!', aclFileFullPath: 'string' });
export type UpdateGlobalWhiteAddrsConfigRequestHeader = HeaderOf<typeof UpdateGlobalWhiteAddrsConfigRequestHeader>;

export const GetBrokerAclConfigResponseHeader = defineHeader({
  version: 'string!',
  allAclFileVersion: 'string',
  brokerName: 'string!',
  brokerAddr: 'string!',
  clusterName: 'string!',
});
export type GetBrokerAclConfigResponseHeader = HeaderOf<typeof GetBrokerAclConfigResponseHeader>;

/** 4.x numbering of the management failures (5.x reuses 209-211 for POP). */
export const AclResponseCode = {
  UPDATE_AND_CREATE_ACL_CONFIG_FAILED: 209,
  DELETE_ACL_CONFIG_FAILED: 210,
  UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED: 211,
} as const;
