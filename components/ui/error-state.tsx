import { Button } from './button';

export interface ErrorStateProps {
  title: string;
  /** The server's own words (a broker remark, a connection error); shown as text, never as HTML. */
  message: string;
  retryLabel?: string;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorState({ title, message, retryLabel = 'Retry', onRetry, testId }: ErrorStateProps) {
  return (
    <div role="alert" data-testid={testId} className="rounded-md border border-danger/30 bg-danger-soft px-4 py-3 text-sm">
      <p className="font-medium text-danger">{title}</p>
      <p data-testid={testId ? `${testId}-message` : undefined} className="mt-1 font-mono text-xs break-words whitespace-pre-wrap text-foreground">
        {message}
      </p>
      {onRetry ? (
        <Button className="mt-3" onClick={onRetry}>
          {retryLabel}
        </Button>
      ) : null}
    </div>
  );
}
