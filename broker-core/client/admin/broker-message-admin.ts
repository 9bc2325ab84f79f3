import type { MessageExt } from '../../common/message/message-ext';
import { decodeStoredMessage, decodeStoredMessages } from '../../common/message/stored-message-decoder';
import { QueryMessageRequestHeader, QueryMessageResponseHeader, UNIQUE_KEY_QUERY_KEY, ViewMessageRequestHeader } from '../../protocol/headers/query-message';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RemotingClient } from '../../remoting/remoting-client';
import { invokeChecked } from '../broker-request';

/** Message look-ups on one broker (spec/remoting.md §11.3). Bodies are inflated as a consumer would see them. */

/** VIEW_MESSAGE_BY_ID: the message stored at a commit-log offset (decoded from an offset message id). */
export async function viewMessage(remoting: RemotingClient, brokerAddr: string, commitLogOffset: number, timeoutMs = 3000): Promise<MessageExt> {
  const extFields = ViewMessageRequestHeader.encode({ offset: commitLogOffset });
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.VIEW_MESSAGE_BY_ID, { extFields }, timeoutMs);
  return decodeStoredMessage(response.body ?? Buffer.alloc(0), 0, { decompressBody: true });
}

export interface QueryMessageOptions {
  topic: string;
  key: string;
  maxNum: number;
  beginTimestamp: number;
  endTimestamp: number;
  /** The key is a UNIQ_KEY (the broker then returns up to its defaultQueryMaxNum). */
  uniqueKey?: boolean;
}

export interface QueryMessageResult {
  messages: MessageExt[];
  indexLastUpdateTimestamp: number;
  indexLastUpdatePhyoffset: number;
}

/** QUERY_MESSAGE through the broker's index; none found gives an empty list (QUERY_NOT_FOUND). */
export async function queryMessage(
  remoting: RemotingClient,
  brokerAddr: string,
  options: QueryMessageOptions,
  timeoutMs = 15_000,
): Promise<QueryMessageResult> {
  const extFields: Record<string, string> = QueryMessageRequestHeader.encode({
    topic: options.topic,
    key: options.key,
    maxNum: options.maxNum,
    beginTimestamp: options.beginTimestamp,
    endTimestamp: options.endTimestamp,
  });
  if (options.uniqueKey) extFields[UNIQUE_KEY_QUERY_KEY] = 'true';
  const response = await invokeChecked(remoting, brokerAddr, RequestCode.QUERY_MESSAGE, { extFields }, timeoutMs, [ResponseCode.QUERY_NOT_FOUND]);
  if (response.code === ResponseCode.QUERY_NOT_FOUND) return { messages: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0 };
  const header = QueryMessageResponseHeader.decode(response.extFields);
  return {
    messages: decodeStoredMessages(response.body ?? Buffer.alloc(0), { decompressBody: true }),
    indexLastUpdateTimestamp: header.indexLastUpdateTimestamp,
    indexLastUpdatePhyoffset: header.indexLastUpdatePhyoffset,
  };
}
