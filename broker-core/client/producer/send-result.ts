import { SEND_RESPONSE_REGION_KEY, SEND_RESPONSE_TRACE_KEY, SendMessageResponseHeader } from '../../protocol/headers/send-message';
import { ResponseCode } from '../../protocol/response-code';
import type { RemotingCommand } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { MessageQueue } from '../message-queue';

/**
 * The outcome of a send (spec/semantics.md §11, Java `SendResult` / `MQClientAPIImpl.processSendResponse`).
 *
 *   broker code             SendStatus             meaning
 *   0  SUCCESS              SEND_OK                stored (and flushed / replicated as configured)
 *   10 FLUSH_DISK_TIMEOUT   FLUSH_DISK_TIMEOUT     stored on the master, the sync flush timed out
 *   12 FLUSH_SLAVE_TIMEOUT  FLUSH_SLAVE_TIMEOUT    stored on the master, the slave did not confirm in time
 *   11 SLAVE_NOT_AVAILABLE  SLAVE_NOT_AVAILABLE    stored on the master, no slave to replicate to
 *   anything else           ResponseCodeError thrown (the producer may retry, see send-retry-policy.ts)
 */
export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface SendResult {
  sendStatus: SendStatus;
  /** Client unique id(s) (UNIQ_KEY); comma-separated for a batch. What Java's `getMsgId()` returns. */
  msgId: string;
  /** Broker offset id(s): store host + commit-log offset; comma-separated for a batch. */
  offsetMsgId: string;
  messageQueue: MessageQueue;
  /** Consume-queue offset of the (first) message. */
  queueOffset: number;
  transactionId?: string;
  /** Broker's region (`MSG_REGION`), `DefaultRegion` when absent. */
  regionId: string;
  /** Broker's `TRACE_ON`; anything but "false" means on. */
  traceOn: boolean;
}

const STATUS_BY_CODE = new Map<number, SendStatus>([
  [ResponseCode.SUCCESS, 'SEND_OK'],
  [ResponseCode.FLUSH_DISK_TIMEOUT, 'FLUSH_DISK_TIMEOUT'],
  [ResponseCode.FLUSH_SLAVE_TIMEOUT, 'FLUSH_SLAVE_TIMEOUT'],
  [ResponseCode.SLAVE_NOT_AVAILABLE, 'SLAVE_NOT_AVAILABLE'],
]);

/** The send status of a response code, or undefined when the code is an error. */
export function sendStatusOf(code: number): SendStatus | undefined {
  return STATUS_BY_CODE.get(code);
}

export const DEFAULT_REGION_ID = 'DefaultRegion';

/**
 * Maps a send response to a SendResult; an error code is thrown as ResponseCodeError naming the broker address.
 * `topic` and `brokerName` are those the request was sent to; `uniqMsgId` the UNIQ_KEY(s) the producer set.
 */
export function sendResultFromResponse(
  response: RemotingCommand,
  target: { topic: string; brokerName: string; brokerAddr: string },
  uniqMsgId: string,
): SendResult {
  const sendStatus = sendStatusOf(response.code);
  if (sendStatus === undefined) {
    throw new ResponseCodeError(response.code, response.remark, `send to ${target.brokerAddr}`);
  }
  const ext = response.extFields ?? {};
  const header = SendMessageResponseHeader.decode(ext);
  const region = ext[SEND_RESPONSE_REGION_KEY];
  const result: SendResult = {
    sendStatus,
    msgId: uniqMsgId,
    offsetMsgId: header.msgId,
    messageQueue: { topic: target.topic, brokerName: target.brokerName, queueId: header.queueId },
    queueOffset: header.queueOffset,
    regionId: region ? region : DEFAULT_REGION_ID,
    traceOn: ext[SEND_RESPONSE_TRACE_KEY] !== 'false',
  };
  if (header.transactionId !== undefined) result.transactionId = header.transactionId;
  return result;
}
