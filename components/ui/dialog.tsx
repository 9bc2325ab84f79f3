'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { cn } from '@/lib/class-names';

/**
 * A modal dialog: dims the page, traps nothing fancy but takes focus, closes on Escape and on the backdrop (unless
 * `busy`, so a running operation is never hidden half-way). Children are the body; `footer` holds the buttons.
 */
export interface DialogProps {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  busy?: boolean;
  size?: 'md' | 'lg' | 'xl';
}

const widths = { md: 'max-w-lg', lg: 'max-w-2xl', xl: 'max-w-5xl' };

export function Dialog({ open, title, description, onClose, children, footer, testId, busy = false, size = 'md' }: DialogProps) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, busy, onClose]);
  if (!open) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/40 p-6" onMouseDown={(event) => event.target === event.currentTarget && !busy && onClose()}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={testId ? `${testId}-title` : undefined}
        tabIndex={-1}
        data-testid={testId}
        className={cn('mt-10 w-full rounded-lg border border-border bg-surface shadow-xl outline-none', widths[size])}
      >
        <header className="border-b border-border px-5 py-3">
          <h2 id={testId ? `${testId}-title` : undefined} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-muted">{description}</p> : null}
        </header>
        <div className="max-h-[70vh] overflow-y-auto px-5 py-4">{children}</div>
        {footer ? <footer className="flex justify-end gap-2 border-t border-border px-5 py-3">{footer}</footer> : null}
      </div>
    </div>
  );
}
