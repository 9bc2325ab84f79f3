import type { MessageExt } from '../../../broker-core/common/message/message-ext';
import { isUtf8 } from '../messages/message-view';

/**
 * Dead letters as a file. Bodies are text when they are valid UTF-8 (`bodyEncoding: "utf8"`), base64 otherwise, so
 * the export holds every byte. CSV follows RFC 4180 (fields quoted, quotes doubled, CRLF rows); a cell that a
 * spreadsheet would run as a formula (= + - @ first) gets a leading apostrophe.
 */
export interface ExportedMessage {
  msgId: string;
  offsetMsgId: string;
  topic: string;
  originalTopic: string;
  tags: string;
  keys: string;
  storeTimestamp: number;
  bornTimestamp: number;
  storeHost: string;
  bornHost: string;
  queueId: number;
  queueOffset: number;
  reconsumeTimes: number;
  bodyEncoding: 'utf8' | 'base64';
  body: string;
  properties: Record<string, string>;
}

export function exportedMessage(message: MessageExt): ExportedMessage {
  const utf8 = isUtf8(message.body);
  return {
    msgId: message.uniqKey ?? message.msgId,
    offsetMsgId: message.msgId,
    topic: message.topic,
    originalTopic: message.properties.get('RETRY_TOPIC') ?? '',
    tags: message.tags ?? '',
    keys: message.keys ?? '',
    storeTimestamp: message.storeTimestamp,
    bornTimestamp: message.bornTimestamp,
    storeHost: message.storeHost,
    bornHost: message.bornHost,
    queueId: message.queueId,
    queueOffset: message.queueOffset,
    reconsumeTimes: message.reconsumeTimes,
    bodyEncoding: utf8 ? 'utf8' : 'base64',
    body: utf8 ? message.body.toString('utf8') : message.body.toString('base64'),
    properties: Object.fromEntries(message.properties),
  };
}

export function toJsonExport(messages: readonly ExportedMessage[]): string {
  return `${JSON.stringify(messages, null, 2)}\n`;
}

const CSV_COLUMNS: ReadonlyArray<keyof ExportedMessage> = [
  'msgId',
  'offsetMsgId',
  'topic',
  'originalTopic',
  'tags',
  'keys',
  'storeTimestamp',
  'bornTimestamp',
  'storeHost',
  'bornHost',
  'queueId',
  'queueOffset',
  'reconsumeTimes',
  'bodyEncoding',
  'body',
  'properties',
];

export function toCsvExport(messages: readonly ExportedMessage[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const message of messages) {
    rows.push(CSV_COLUMNS.map((column) => csvCell(column === 'properties' ? JSON.stringify(message.properties) : String(message[column]))).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
