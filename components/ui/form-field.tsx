import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from '@/lib/class-names';

/**
 * Form parts with one look: a labelled field whose error (the zod message the server would give too) shows under
 * it with `${testId}-error`, and inputs that size alike.
 */
export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  testId?: string;
  children: ReactNode;
  className?: string;
}

export function Field({ label, hint, error, testId, children, className }: FieldProps) {
  return (
    <label className={cn('block text-sm', className)}>
      <span className="mb-1 block font-medium">{label}</span>
      {children}
      {hint && !error ? <span className="mt-1 block text-xs text-muted">{hint}</span> : null}
      {error ? (
        <span role="alert" data-testid={testId ? `${testId}-error` : undefined} className="mt-1 block text-xs text-danger">
          {error}
        </span>
      ) : null}
    </label>
  );
}

const control = 'w-full rounded-md border border-border bg-surface px-2 text-sm text-foreground focus:outline-2 focus:outline-accent disabled:opacity-60';

export function TextInput({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(control, 'h-8', className)} {...props} />;
}

export function SelectInput({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(control, 'h-8', className)} {...props} />;
}

export function TextArea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(control, 'py-1.5 font-mono', className)} {...props} />;
}

export function CheckboxField({ label, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode }) {
  return (
    <label className={cn('inline-flex items-center gap-2 text-sm', className)}>
      <input type="checkbox" className="h-4 w-4 accent-[var(--accent)]" {...props} />
      {label}
    </label>
  );
}
