import type { MessageExt } from '../../../broker-core/common/message/message-ext';
import type { MessageDetail, MessageSummary } from '../../validations/message-query';

/**
 * MessageExt -> what the pages show. Bodies go out as base64 (any bytes survive JSON); whether they are valid UTF-8
 * is decided here with a fatal decoder, so the page can offer text or fall back to hex honestly.
 */
const PREVIEW_CHARS = 160;
const PREVIEW_HEX_BYTES = 48;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(body: Buffer): boolean {
  try {
    strictUtf8.decode(body);
    return true;
  } catch {
    return false;
  }
}

export function bodyPreview(body: Buffer): string {
  if (isUtf8(body)) {
    const text = body.toString('utf8');
    return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
  }
  const hex = body.subarray(0, PREVIEW_HEX_BYTES).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return body.length > PREVIEW_HEX_BYTES ? `${hex} …` : hex;
}

export function toMessageSummary(message: MessageExt): MessageSummary {
  return {
    msgId: message.uniqKey ?? message.msgId,
    offsetMsgId: message.msgId,
    topic: message.topic,
    ...(message.tags !== undefined ? { tags: message.tags } : {}),
    ...(message.keys !== undefined ? { keys: message.keys } : {}),
    queueId: message.queueId,
    queueOffset: message.queueOffset,
    storeHost: message.storeHost,
    bornHost: message.bornHost,
    storeTimestamp: message.storeTimestamp,
    bornTimestamp: message.bornTimestamp,
    bodySize: message.body.length,
    reconsumeTimes: message.reconsumeTimes,
    bodyPreview: bodyPreview(message.body),
  };
}

export function toMessageDetail(message: MessageExt, tracks: MessageDetail['tracks'], trackError?: string): MessageDetail {
  return {
    ...toMessageSummary(message),
    storeSize: message.storeSize,
    bodyCRC: message.bodyCRC,
    flag: message.flag,
    sysFlag: message.sysFlag,
    commitLogOffset: message.commitLogOffset,
    preparedTransactionOffset: message.preparedTransactionOffset,
    properties: [...message.properties].map(([name, value]) => ({ name, value })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    body: { base64: message.body.toString('base64'), size: message.body.length, utf8: isUtf8(message.body) },
    tracks,
    ...(trackError !== undefined ? { trackError } : {}),
  };
}
