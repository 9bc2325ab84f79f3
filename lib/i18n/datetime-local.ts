/** `yyyy-MM-ddTHH:mm:ss` in local time: what <input type="datetime-local"> shows and gives back. */
export function toDateTimeLocal(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Epoch ms of a datetime-local value (local time); NaN when empty or unreadable, so schemas reject it. */
export function fromDateTimeLocal(value: string): number {
  return value ? new Date(value).getTime() : Number.NaN;
}
