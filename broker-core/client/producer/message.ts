import { KEY_SEPARATOR, MessageConst } from '../../common/message/message-const';
import { MQClientError } from '../client-error';

/**
 * A message to send, as an application writes it. Everything but `properties` becomes a system property
 * (spec/message-format.md §5): `tags` => TAGS, `keys` => KEYS (joined with one space), `delayTimeLevel` => DELAY,
 * `waitStoreMsgOK` => WAIT (default true, as Java's Message constructor). The producer adds UNIQ_KEY.
 */
export interface Message {
  topic: string;
  /** A string is sent as UTF-8. */
  body: Buffer | Uint8Array | string;
  tags?: string;
  /** One key, several keys, or several keys already joined by spaces; each is indexed for queryMsgByKey. */
  keys?: string | readonly string[];
  /** User properties; names used by the system (TAGS, KEYS, UNIQ_KEY, ...) are refused. */
  properties?: Readonly<Record<string, string>>;
  /** 1..18 on the default broker levels (1s 5s 10s 30s 1m ... 2h); 0 or absent = no delay. */
  delayTimeLevel?: number;
  /** The user flag, stored as is. */
  flag?: number;
  waitStoreMsgOK?: boolean;
}

const SYSTEM_PROPERTY_NAMES: ReadonlySet<string> = new Set(
  Object.entries(MessageConst)
    .filter(([name]) => name !== 'TRANSIENT_PREFIX')
    .map(([, value]) => value),
);

/** A message ready for the wire: body as bytes, properties as the ordered map that will be encoded. */
export interface OutgoingMessage {
  topic: string;
  body: Buffer;
  flag: number;
  properties: Map<string, string>;
}

export function bodyBytes(body: Message['body']): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export function joinKeys(keys: Message['keys']): string | undefined {
  if (keys === undefined) return undefined;
  const joined = typeof keys === 'string' ? keys : keys.join(KEY_SEPARATOR);
  return joined.length > 0 ? joined : undefined;
}

export function toOutgoingMessage(message: Message): OutgoingMessage {
  const properties = new Map<string, string>();
  const keys = joinKeys(message.keys);
  if (message.tags !== undefined && message.tags.length > 0) properties.set(MessageConst.TAGS, message.tags);
  if (keys !== undefined) properties.set(MessageConst.KEYS, keys);
  if (message.delayTimeLevel !== undefined && message.delayTimeLevel !== 0) {
    if (!Number.isInteger(message.delayTimeLevel) || message.delayTimeLevel < 0) {
      throw new MQClientError(`delayTimeLevel must be a non-negative integer, got ${message.delayTimeLevel}`);
    }
    properties.set(MessageConst.DELAY_TIME_LEVEL, String(message.delayTimeLevel));
  }
  properties.set(MessageConst.WAIT_STORE_MSG_OK, String(message.waitStoreMsgOK ?? true));
  for (const [name, value] of Object.entries(message.properties ?? {})) {
    if (SYSTEM_PROPERTY_NAMES.has(name)) {
      throw new MQClientError(`The Property<${name}> is used by system, input another please`);
    }
    if (name.includes('\u0001') || name.includes('\u0002') || String(value).includes('\u0001') || String(value).includes('\u0002')) {
      throw new MQClientError(`property ${JSON.stringify(name)} contains a separator character (U+0001 or U+0002)`);
    }
    properties.set(name, String(value));
  }
  return { topic: message.topic, body: bodyBytes(message.body), flag: message.flag ?? 0, properties };
}
