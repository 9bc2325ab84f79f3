import { ResponseCode } from '../../protocol/response-code';
import type { AppendMessageResult, PutMessageResult } from '../../store/store-types';
import type { BrokerStatsManager } from '../stats/broker-stats-manager';

/**
 * Store put statuses as response codes and remarks (Java `SendMessageProcessor#handlePutMessageResult`).
 * FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT and SLAVE_NOT_AVAILABLE mean "stored": the client reports them as
 * send statuses, not errors.
 */
export interface PutOutcome {
  code: number;
  remark?: string;
  stored: boolean;
}

export function putOutcome(result: PutMessageResult): PutOutcome {
  switch (result.status) {
    case 'PUT_OK':
      return { code: ResponseCode.SUCCESS, stored: true };
    case 'FLUSH_DISK_TIMEOUT':
      return { code: ResponseCode.FLUSH_DISK_TIMEOUT, stored: true };
    case 'FLUSH_SLAVE_TIMEOUT':
      return { code: ResponseCode.FLUSH_SLAVE_TIMEOUT, stored: true };
    case 'SLAVE_NOT_AVAILABLE':
      return { code: ResponseCode.SLAVE_NOT_AVAILABLE, stored: true };
    case 'CREATE_MAPPED_FILE_FAILED':
      return { code: ResponseCode.SYSTEM_ERROR, remark: 'create mapped file failed, server is busy or broken.', stored: false };
    case 'MESSAGE_ILLEGAL':
    case 'PROPERTIES_SIZE_EXCEEDED':
      return {
        code: ResponseCode.MESSAGE_ILLEGAL,
        remark: `the message is illegal, maybe msg body or properties length not matched. ${result.remark ?? ''}`.trim(),
        stored: false,
      };
    case 'SERVICE_NOT_AVAILABLE':
      return {
        code: ResponseCode.SERVICE_NOT_AVAILABLE,
        remark: `service not available now. It may be caused by one of the following reasons: the broker's disk is full, messages are put to the slave, message store has been shut down, etc.${result.remark ? ` (${result.remark})` : ''}`,
        stored: false,
      };
    case 'OS_PAGECACHE_BUSY':
      return { code: ResponseCode.SYSTEM_ERROR, remark: '[PC_SYNCHRONIZED]broker busy, start flow control for a while', stored: false };
    default:
      return { code: ResponseCode.SYSTEM_ERROR, remark: result.remark ?? 'UNKNOWN_ERROR', stored: false };
  }
}

/** TOPIC_PUT_NUMS / TOPIC_PUT_SIZE / BROKER_PUT_NUMS for a put whose outcome is `stored` (sends and commits). */
export function recordStoredPut(stats: BrokerStatsManager, topic: string, append: AppendMessageResult): void {
  stats.incTopicPutNums(topic, append.msgNum, 1);
  stats.incTopicPutSize(topic, append.wroteBytes);
  stats.incBrokerPutNums(append.msgNum);
}
