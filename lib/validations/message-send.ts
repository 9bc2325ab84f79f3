import { z } from 'zod';
import { MessageConst } from '../../broker-core/common/message/message-const';
import { clusterIdSchema } from './cluster';

/**
 * The send-message form (Topics page) and POST /api/topics/:topic/messages. The broker's default maxMessageSize is
 * 4 MiB; user property names must not be the ones RocketMQ keeps for itself (the producer refuses them too, this
 * says it before the round trip). Delay levels are the default broker's 1..18 (1s ... 2h), 0 = none.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_DELAY_LEVEL = 18;

// The producer refuses these names too (broker-core Message): say it before the round trip, with the same list.
const RESERVED_PROPERTIES: ReadonlySet<string> = new Set(
  Object.entries(MessageConst)
    .filter(([name]) => name !== 'TRANSIENT_PREFIX')
    .map(([, value]) => value),
);

export const propertyNameSchema = z
  .string()
  .trim()
  .min(1, 'property name is required')
  .max(255, 'property name is at most 255 characters')
  .refine((name) => !RESERVED_PROPERTIES.has(name), { error: (issue) => `${String(issue.input)} is a system property name` })
  .refine((name) => !/[\u0001\u0002]/.test(name), 'property name must not contain control characters 1 or 2');

export const messageSendSchema = z.object({
  cluster: clusterIdSchema,
  tags: z.string().trim().max(255, 'tag is at most 255 characters').regex(/^[^|]*$/, 'tag must not contain |').default(''),
  /** Space-separated keys. */
  keys: z.string().trim().max(1024, 'keys are at most 1024 characters').default(''),
  body: z
    .string()
    .min(1, 'message body is required')
    .refine((body) => new TextEncoder().encode(body).length <= MAX_BODY_BYTES, `message body is at most ${MAX_BODY_BYTES} bytes`),
  properties: z
    .array(z.object({ name: propertyNameSchema, value: z.string().max(4096, 'property value is at most 4096 characters') }))
    .max(64, 'at most 64 user properties')
    .default([])
    .refine((list) => new Set(list.map((item) => item.name)).size === list.length, 'property names must be unique'),
  delayLevel: z.coerce
    .number({ error: 'delay level must be a number' })
    .int('delay level must be a whole number')
    .min(0, `delay level must be between 0 and ${MAX_DELAY_LEVEL}`)
    .max(MAX_DELAY_LEVEL, `delay level must be between 0 and ${MAX_DELAY_LEVEL}`)
    .default(0),
});
export type MessageSendInput = z.input<typeof messageSendSchema>;
export type MessageSend = z.output<typeof messageSendSchema>;

export const sendResultSchema = z.object({
  sendStatus: z.string(),
  msgId: z.string(),
  offsetMsgId: z.string(),
  brokerName: z.string(),
  queueId: z.number().int(),
  queueOffset: z.number(),
  regionId: z.string(),
});
export type SendResultBody = z.infer<typeof sendResultSchema>;
