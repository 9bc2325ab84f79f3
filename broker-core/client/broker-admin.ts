import { decodeKVTable } from '../protocol/bodies/kv-table';
import { RequestCode } from '../protocol/request-code';
import { ResponseCode } from '../protocol/response-code';
import type { RemotingClient } from '../remoting/remoting-client';
import { createRequest } from '../remoting/remoting-command';
import { ResponseCodeError } from '../remoting/remoting-error';

/**
 * Admin requests sent straight to one broker (the ones mqadmin and rocketmq-dashboard send), for the console and the
 * CLI. Each call names the broker by "host:port"; transport failures surface as RemotingError subclasses (connect,
 * timeout), an answer with an error code as ResponseCodeError carrying the broker's code and remark.
 *
 * The families live in admin/broker-*-admin.ts and are re-exported here; admin/mq-admin.ts builds cluster-wide
 * operations (find the brokers through routes / cluster info, merge their answers) on top of them.
 */
export * from './admin/broker-acl-admin';
export * from './admin/broker-config-admin';
export * from './admin/broker-group-admin';
export * from './admin/broker-maintenance-admin';
export * from './admin/broker-message-admin';
export * from './admin/broker-offset-admin';
export * from './admin/broker-topic-admin';
export {
  getConsumerIdListByGroup,
  getEarliestMsgStoreTime,
  getMaxOffset,
  getMinOffset,
  queryConsumerOffset,
  searchOffset,
  updateConsumerOffset,
} from './instance/broker-api';

/**
 * GET_BROKER_RUNTIME_INFO (code 28, no header): the broker's runtime table as a KVTable body
 * `{"table":{"brokerVersionDesc":"V4_9_4","msgPutTotalTodayNow":"0",...}}`. Every value is a string, as Java
 * writes them; callers parse the numbers they need.
 */
export async function getBrokerRuntimeInfo(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<Record<string, string>> {
  const response = await remoting.invoke(brokerAddr, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), timeoutMs);
  if (response.code !== ResponseCode.SUCCESS) {
    throw new ResponseCodeError(response.code, response.remark, `runtime info of broker ${brokerAddr}`);
  }
  return decodeKVTable(response.body ?? Buffer.alloc(0)).table;
}
