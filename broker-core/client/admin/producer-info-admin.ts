import { decodeProducerTableInfo, type ProducerInfo } from '../../protocol/bodies/producer-table-info';
import { RequestCode } from '../../protocol/request-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

export type { ProducerInfo };

/**
 * GET_ALL_PRODUCER_INFO (328): every producer group connected to the broker with its clients (body in
 * protocol/bodies/producer-table-info.ts). Our broker and RocketMQ 5.x answer it; brokers before 5.0 answer
 * REQUEST_CODE_NOT_SUPPORTED (thrown as ResponseCodeError).
 */
export async function getAllProducerInfo(remoting: RemotingClient, brokerAddr: string, timeoutMs = 3000): Promise<Map<string, ProducerInfo[]>> {
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.GET_ALL_PRODUCER_INFO, {}, timeoutMs);
  return decodeProducerTableInfo(response.body ?? Buffer.alloc(0));
}
