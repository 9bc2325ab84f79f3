'use client';

import { useMemo, useState } from 'react';
import { cn } from '@/lib/class-names';
import { useText } from '@/lib/i18n/i18n-provider';

type BodyView = 'text' | 'json' | 'hex';

/**
 * A message body three ways. All are text nodes (React escapes them): a body of `<script>alert(1)</script>` is shown
 * as those characters and never runs. Text decodes UTF-8 (invalid bytes become U+FFFD, and the page says so), JSON
 * pretty-prints when the text parses, hex shows offsets, bytes and printable ASCII.
 */
export function MessageBodyView({ base64, utf8 }: { base64: string; utf8: boolean }) {
  const t = useText('messages');
  const bytes = useMemo(() => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)), [base64]);
  const text = useMemo(() => new TextDecoder('utf-8').decode(bytes), [bytes]);
  const json = useMemo(() => prettyJson(text), [text]);
  const [view, setView] = useState<BodyView>(json !== undefined ? 'json' : utf8 ? 'text' : 'hex');
  return (
    <div data-testid="message-body">
      <div role="tablist" className="mb-2 flex gap-1">
        {(['text', 'json', 'hex'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={view === name}
            data-testid={`body-view-${name}`}
            onClick={() => setView(name)}
            className={cn('rounded-md px-2 py-1 text-xs', view === name ? 'bg-accent text-accent-foreground' : 'border border-border hover:bg-surface-muted')}
          >
            {t.detail.bodyViews[name]}
          </button>
        ))}
        <span className="ml-auto text-xs text-muted">{t.detail.bytes(bytes.length)}</span>
      </div>
      {view === 'text' && !utf8 ? <p className="mb-2 text-xs text-warning">{t.detail.notUtf8}</p> : null}
      {view === 'json' && json === undefined ? <p className="mb-2 text-xs text-muted">{t.detail.notJson}</p> : null}
      <pre data-testid="message-body-content" data-view={view} className="max-h-[32rem] overflow-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">
        {view === 'hex' ? hexDump(bytes) : view === 'json' && json !== undefined ? json : text}
      </pre>
    </div>
  );
}

function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

/** `00000000  3c 73 63 72 ...  |<scr...|`, sixteen bytes a line. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}
