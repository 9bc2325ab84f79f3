/**
 * The RocketMQ client for Node.js (4.x remoting protocol; works against this project's broker and Apache RocketMQ):
 * producers, push and pull consumers, and the admin API the console and mqadmin use.
 */
export { Producer, type ProducerOptions, type SendCallback, type SendOptions } from './producer/producer';
export type { Message } from './producer/message';
export type { SendResult, SendStatus } from './producer/send-result';
export { TransactionProducer, type TransactionProducerOptions } from './producer/transaction-producer';
export type {
  LocalTransactionState,
  TransactionCheckMessage,
  TransactionListener,
  TransactionMessage,
  TransactionSendResult,
} from './producer/transaction-types';
export { selectMessageQueueByHash, selectMessageQueueByRandom, type MessageQueueSelector } from './producer/queue-selector';
export { PushConsumer, type PushConsumerOptions } from './consumer/push-consumer';
export type { ConsumeConcurrentlyContext, ConsumeConcurrentlyStatus, MessageListenerConcurrently } from './consumer/consume-concurrently';
export type { ConsumeOrderlyContext, ConsumeOrderlyStatus, MessageListenerOrderly } from './consumer/consume-orderly';
export type { ConsumeMessageContext, ConsumeMessageHook } from './consumer/consume-message-hook';
export type { SendMessageContext, SendMessageHook } from './producer/send-message-hook';
export { TraceDispatcher } from './trace/trace-dispatcher';
export { traceEndTransaction, type EndTransactionTraceInfo } from './trace/end-transaction-trace';
export * from './trace/trace-format';
export { PullConsumer, type PullConsumerOptions } from './consumer/pull-consumer';
export {
  allocateAveragely,
  allocateAveragelyByCircle,
  allocateByConfig,
  allocateByConsistentHash,
  allocateByMachineRoom,
  allocateMachineRoomNearby,
  allocateStrategyByName,
  type AllocateStrategy,
} from './consumer/allocate-strategy';
export { MQAdmin, type AdminTarget, type MQAdminOptions } from './admin/mq-admin';
export * from './admin/message-queries';
export * from './admin/offset-reset';
export * from './admin/consumer-lag';
export * from './admin/message-track';
export * from './admin/trace-query';
export * as brokerAdmin from './broker-admin';
export { NamesrvClient } from './namesrv-client';
export { ClientInstance } from './instance/client-instance';
export type { ClientOptions } from './instance/client-config';
export { MQClientError, ClientErrorCode } from './client-error';
export type { MessageQueue } from './message-queue';
export type { MessageExt } from '../common/message/message-ext';
