import type { BatchMessage } from '../common/message/batch-format';
import type { MessageProperties } from '../common/message/message-properties';

/** Public value types of the message store (statuses and names as upstream's `PutMessageStatus`, `GetMessageStatus`). */

export type PutMessageStatus =
  | 'PUT_OK'
  | 'FLUSH_DISK_TIMEOUT'
  | 'FLUSH_SLAVE_TIMEOUT'
  | 'SLAVE_NOT_AVAILABLE'
  | 'SERVICE_NOT_AVAILABLE'
  | 'CREATE_MAPPED_FILE_FAILED'
  | 'MESSAGE_ILLEGAL'
  | 'PROPERTIES_SIZE_EXCEEDED'
  | 'OS_PAGECACHE_BUSY'
  | 'UNKNOWN_ERROR';

export interface AppendMessageResult {
  /** Commit-log offset of the (first) record. */
  wroteOffset: number;
  wroteBytes: number;
  /** Offset message id of the (first) record; for a batch the comma-joined ids, as the send response carries them. */
  msgId: string;
  /** Queue offset of the (first) message. */
  queueOffset: number;
  storeTimestamp: number;
  msgNum: number;
  /** Offset message ids of each record (batch). */
  msgIds: string[];
  /** Microseconds spent between hand-over to the writer and the end of the write. */
  pageCacheRT: number;
}

export interface PutMessageResult {
  status: PutMessageStatus;
  appendResult?: AppendMessageResult;
  /** Human-readable cause for a refusal (logged and usable as a response remark). */
  remark?: string;
}

/** A message handed to the store (Java `MessageExtBrokerInner`). */
export interface MessageToStore {
  topic: string;
  queueId: number;
  flag: number;
  /** As it will be stored (compressed when sysFlag bit 0 is set). Read when the group is written: keep it unchanged until the put settles. */
  body: Buffer;
  properties: MessageProperties;
  sysFlag: number;
  bornTimestamp: number;
  /** `ip:port` of the producer connection. */
  bornHost: string;
  /** `ip:port` of this broker; defaults to the store's configured host. */
  storeHost?: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
}

/** A SEND_BATCH_MESSAGE request after its body was decoded (common/message/batch-format.ts). */
export interface MessageBatchToStore {
  topic: string;
  queueId: number;
  sysFlag: number;
  bornTimestamp: number;
  bornHost: string;
  storeHost?: string;
  reconsumeTimes?: number;
  messages: BatchMessage[];
  /** Batch-level properties from the request header, appended after each message's own. */
  batchProperties?: MessageProperties;
}

export type GetMessageStatus =
  | 'FOUND'
  | 'NO_MATCHED_MESSAGE'
  | 'MESSAGE_WAS_REMOVING'
  | 'OFFSET_FOUND_NULL'
  | 'OFFSET_OVERFLOW_BADLY'
  | 'OFFSET_OVERFLOW_ONE'
  | 'OFFSET_TOO_SMALL'
  | 'NO_MATCHED_LOGIC_QUEUE'
  | 'NO_MESSAGE_IN_QUEUE';

export interface GetMessageResult {
  status: GetMessageStatus;
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  /** Whole stored records in queue order; a pull body is their concatenation. */
  messages: Buffer[];
  /** Queue offset of each returned record. */
  messageQueueOffsets: number[];
  bufferTotalSize: number;
  suggestPullingFromSlave: boolean;
}

/** Filter supplied by the broker (tag code sets, SQL92). */
export interface MessageFilter {
  /** First pass on the 20-byte unit; `tagsCode` is undefined when unknown. */
  isMatchedByConsumeQueue(tagsCode: number | undefined): boolean;
  /** Second pass on the stored record (properties decoded when the store already has them). */
  isMatchedByCommitLog(record: Buffer, properties?: MessageProperties): boolean;
}

export interface QueryMessageResult {
  /** Stored records found through the index (hash matches: the caller re-checks keys). */
  messages: Buffer[];
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: number;
}

/** What long polling is told when a message becomes visible (spec/store.md §5). */
export interface MessageArrival {
  topic: string;
  queueId: number;
  /** Queue offset after this message (= new max offset). */
  logicOffset: number;
  tagsCode: number;
  storeTimestamp: number;
  properties: MessageProperties;
}

export type MessageArrivingListener = (arrival: MessageArrival) => void;
