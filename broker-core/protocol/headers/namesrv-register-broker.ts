import { defineHeader, type HeaderOf } from './define-header';

/**
 * Headers of the broker <-> nameserver registration requests (spec/remoting.md §11.5; Java
 * `common/protocol/header/namesrv/*`). Property names are the extFields keys.
 */

/** REGISTER_BROKER (103). bodyCrc32 = CRC32 & 0x7FFFFFFF of the body, 0 = unchecked. */
export const RegisterBrokerRequestHeader = defineHeader({
  brokerName: 'string!',
  brokerAddr: 'string!',
  clusterName: 'string!',
  haServerAddr: 'string!',
  brokerId: 'long!',
  compressed: 'boolean',
  bodyCrc32: 'int',
  /** 5.x: how long the nameserver keeps this broker without a new registration. */
  heartbeatTimeoutMillis: 'long',
  enableActingMaster: 'boolean',
});
export type RegisterBrokerRequestHeader = HeaderOf<typeof RegisterBrokerRequestHeader>;

/** The REGISTER_BROKER answer: for a slave, its master's address and HA address. */
export const RegisterBrokerResponseHeader = defineHeader({
  haServerAddr: 'string',
  masterAddr: 'string',
});
export type RegisterBrokerResponseHeader = HeaderOf<typeof RegisterBrokerResponseHeader>;

/** UNREGISTER_BROKER (104). */
export const UnregisterBrokerRequestHeader = defineHeader({
  brokerName: 'string!',
  brokerAddr: 'string!',
  clusterName: 'string!',
  brokerId: 'long!',
});
export type UnregisterBrokerRequestHeader = HeaderOf<typeof UnregisterBrokerRequestHeader>;

/** QUERY_DATA_VERSION (322); the body is the broker's DataVersion. */
export const QueryDataVersionRequestHeader = defineHeader({
  brokerName: 'string!',
  brokerAddr: 'string!',
  clusterName: 'string!',
  brokerId: 'long!',
});
export type QueryDataVersionRequestHeader = HeaderOf<typeof QueryDataVersionRequestHeader>;

export const QueryDataVersionResponseHeader = defineHeader({
  changed: 'boolean!',
});
export type QueryDataVersionResponseHeader = HeaderOf<typeof QueryDataVersionResponseHeader>;
