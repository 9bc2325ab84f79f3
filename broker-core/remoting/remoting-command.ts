import { CURRENT_VERSION } from '../protocol/mq-version';
import type { LanguageCode } from '../protocol/language-code';

/**
 * One RocketMQ remoting command: a request or a response (spec/remoting.md §2-§5).
 *
 * flag bit 0 = response, bit 1 = oneway request. `opaque` pairs a response with its request. Header fields travel in
 * `extFields` as strings (typed headers are defined under protocol/headers). `serializeType` is the header encoding
 * the command was read with or will be written with: 0 JSON, 1 ROCKETMQ binary.
 */
export interface RemotingCommand {
  code: number;
  language: LanguageCode;
  version: number;
  opaque: number;
  flag: number;
  remark?: string;
  extFields?: Record<string, string>;
  body?: Buffer;
  serializeType: SerializeType;
}

export const SerializeType = { JSON: 0, ROCKETMQ: 1 } as const;
export type SerializeType = (typeof SerializeType)[keyof typeof SerializeType];

export const RESPONSE_FLAG = 0x1;
export const ONEWAY_FLAG = 0x2;

/** The language we announce. OTHER exists in every Java release, so old brokers decode it (NODE_JS is 5.3+ only). */
export const OUR_LANGUAGE: LanguageCode = 'OTHER';

let nextOpaque = 0;

/** Java draws opaques from one process-wide counter; so do we (int32 wrap-around like Java). */
export function allocateOpaque(): number {
  nextOpaque = (nextOpaque + 1) | 0;
  return nextOpaque;
}

export function isResponse(command: RemotingCommand): boolean {
  return (command.flag & RESPONSE_FLAG) !== 0;
}

export function isOneway(command: RemotingCommand): boolean {
  return (command.flag & ONEWAY_FLAG) !== 0;
}

export interface RequestOptions {
  extFields?: Record<string, string | number | boolean | undefined | null>;
  body?: Buffer;
  remark?: string;
  serializeType?: SerializeType;
}

export function createRequest(code: number, options: RequestOptions = {}): RemotingCommand {
  return {
    code,
    language: OUR_LANGUAGE,
    version: CURRENT_VERSION,
    opaque: allocateOpaque(),
    flag: 0,
    remark: options.remark,
    extFields: options.extFields ? stringifyExtFields(options.extFields) : undefined,
    body: options.body,
    serializeType: options.serializeType ?? SerializeType.JSON,
  };
}

export interface ResponseOptions {
  remark?: string;
  extFields?: Record<string, string | number | boolean | undefined | null>;
  body?: Buffer;
}

/** A response to `request`: same opaque, response flag, and the request's serialization (spec §2). */
export function createResponse(request: RemotingCommand, code: number, options: ResponseOptions = {}): RemotingCommand {
  return {
    code,
    language: OUR_LANGUAGE,
    version: CURRENT_VERSION,
    opaque: request.opaque,
    flag: RESPONSE_FLAG,
    remark: options.remark,
    extFields: options.extFields ? stringifyExtFields(options.extFields) : undefined,
    body: options.body,
    serializeType: request.serializeType,
  };
}

/** extFields are a string map on the wire; numbers and booleans become their string form, null/undefined are dropped. */
export function stringifyExtFields(
  fields: Record<string, string | number | boolean | undefined | null>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    result[key] = String(value);
  }
  return result;
}
