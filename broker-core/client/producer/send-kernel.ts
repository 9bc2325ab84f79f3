import { RemotingTimeoutError } from '../../remoting/remoting-error';
import { ClientErrorCode, MQClientError } from '../client-error';
import { sendMessage, sendMessageOneway } from '../instance/broker-api';
import type { ClientInstance } from '../instance/client-instance';
import type { MessageQueue } from '../message-queue';
import { sendHeaderFor, type PreparedMessage } from './prepared-message';
import { sendResultFromResponse, type SendResult } from './send-result';

/**
 * One send attempt to one queue (Java `sendKernelImpl`): find the master of the queue's broker (refreshing the route
 * once if unknown), build the V2 header, send, and map the answer. Retry policies live in producer.ts.
 */
export type SendMode = 'sync' | 'async' | 'oneway';

export interface KernelContext {
  instance: ClientInstance;
  producerGroup: string;
  createTopicKey: string;
  defaultTopicQueueNums: number;
  /** Re-reads the topic's route (the broker may be new). */
  refreshRoute(topic: string): Promise<void>;
}

export async function sendKernel(
  context: KernelContext,
  prepared: PreparedMessage,
  mq: MessageQueue,
  mode: SendMode,
  timeoutMs: number,
): Promise<SendResult | undefined> {
  if (timeoutMs <= 0) throw new RemotingTimeoutError('sendKernelImpl call timeout');
  const routes = context.instance.routes;
  let brokerAddr = routes.findBrokerAddressInPublish(mq.brokerName);
  if (!brokerAddr) {
    await context.refreshRoute(mq.topic);
    brokerAddr = routes.findBrokerAddressInPublish(mq.brokerName);
  }
  if (!brokerAddr) throw new MQClientError(`The broker[${mq.brokerName}] not exist`, ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION);
  const header = sendHeaderFor(prepared, mq, context);
  const remoting = context.instance.remoting;
  if (mode === 'oneway') {
    await sendMessageOneway(remoting, brokerAddr, header, prepared.body);
    return undefined;
  }
  const response = await sendMessage(remoting, brokerAddr, header, prepared.body, timeoutMs);
  return sendResultFromResponse(response, { topic: prepared.topic, brokerName: mq.brokerName, brokerAddr }, prepared.uniqMsgId);
}
