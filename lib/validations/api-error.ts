import { z } from 'zod';

/**
 * Every failed API call answers `{ "error": "<message>" }` with a 4xx/5xx status; when the failure is a RocketMQ
 * response code, `responseCode` and the peer's `remark` come along so the UI can show exactly what the broker or
 * nameserver said.
 */
export const apiErrorSchema = z.object({
  error: z.string(),
  responseCode: z.number().int().optional(),
  remark: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
