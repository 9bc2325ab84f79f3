import type { z } from 'zod';

/** zod issues by first path segment ("retryMaxTimes" -> its message), for showing each under its field. */
export function fieldErrors(error: z.ZodError | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A number field's text for zod: blank becomes NaN so the schema says "must be a number" instead of reading 0. */
export function numberText(text: string): number | string {
  return text.trim() === '' ? Number.NaN : text;
}
