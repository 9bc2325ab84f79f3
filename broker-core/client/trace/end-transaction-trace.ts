import type { TraceDispatcher } from './trace-dispatcher';
import { DEFAULT_TRACE_REGION_ID, type TransactionState } from './trace-format';

/**
 * The EndTransaction trace of a transactional producer (Java `EndTransactionTraceHookImpl`), for the transactional
 * producer to call right after it sent END_TRANSACTION (also for answers to CHECK_TRANSACTION_STATE, with
 * `fromTransactionCheck`). Does nothing when the producer has no trace dispatcher (enableMsgTrace off) or the
 * message belongs to the trace topic.
 *
 *   traceEndTransaction(producer, { topic, tags, keys, brokerAddr, msgId: sendResult.msgId,
 *     transactionId: sendResult.transactionId, transactionState: 'COMMIT_MESSAGE', fromTransactionCheck: false });
 */
export interface EndTransactionTraceInfo {
  topic: string;
  tags?: string;
  keys?: string;
  /** The broker END_TRANSACTION went to. */
  brokerAddr: string;
  /** The half message's client id (UNIQ_KEY). */
  msgId: string;
  transactionId?: string;
  transactionState: TransactionState;
  fromTransactionCheck: boolean;
  /** The half message's MSG_REGION; default DefaultRegion. */
  regionId?: string;
}

export function traceEndTransaction(producer: { readonly group: string; readonly traceDispatcher?: TraceDispatcher }, info: EndTransactionTraceInfo): void {
  const dispatcher = producer.traceDispatcher;
  if (!dispatcher || info.topic.startsWith(dispatcher.traceTopic)) return;
  dispatcher.append({
    traceType: 'EndTransaction',
    timestamp: Date.now(),
    regionId: info.regionId && info.regionId.length > 0 ? info.regionId : DEFAULT_TRACE_REGION_ID,
    groupName: producer.group,
    costTime: 0,
    success: true,
    contextCode: 0,
    beans: [
      {
        topic: info.topic,
        tags: info.tags,
        keys: info.keys,
        storeHost: info.brokerAddr,
        msgType: 'Trans_msg_Commit',
        msgId: info.msgId,
        transactionId: info.transactionId,
        transactionState: info.transactionState,
        fromTransactionCheck: info.fromTransactionCheck,
      },
    ],
  });
}
