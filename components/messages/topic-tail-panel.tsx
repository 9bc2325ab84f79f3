'use client';

import { useState } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { TAIL_BUFFER_MAX, useTopicTail } from '@/lib/api/topic-tail';
import { useText } from '@/lib/i18n/i18n-provider';
import { tailQuerySchema } from '@/lib/validations/message-query';
import { MessageTable } from './message-table';

/** Follow a topic: new messages stream in (newest first, at most TAIL_BUFFER_MAX kept); pause, resume, clear. */
export function TopicTailPanel({ clusterId, initialTopic }: { clusterId: string; initialTopic: string }) {
  const t = useText('messages');
  const [topic, setTopic] = useState(initialTopic);
  const [target, setTarget] = useState<{ cluster: string; topic: string } | undefined>();
  const [submitted, setSubmitted] = useState(false);
  const validation = tailQuerySchema.safeParse({ cluster: clusterId, topic });
  const errors = submitted ? fieldErrors(validation.error) : {};
  const tail = useTopicTail(target);
  const statusText = !target ? t.tail.stopped : tail.paused ? t.tail.paused(tail.pending) : tail.status === 'live' ? t.tail.live : tail.status === 'error' ? t.tail.error : t.tail.connecting;
  return (
    <>
      <form
        data-testid="tail-form"
        noValidate
        className="mb-4 flex flex-wrap items-start gap-3 rounded-md border border-border bg-surface p-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (validation.success) setTarget({ cluster: clusterId, topic: validation.data.topic });
        }}
      >
        <Field label={t.topic} error={errors.topic} testId="tail-topic-field" className="min-w-[16rem]">
          <TextInput data-testid="tail-topic" value={topic} onChange={(event) => setTopic(event.target.value)} disabled={target !== undefined} />
        </Field>
        <div className="mt-6 flex gap-2">
          {target ? (
            <>
              <Button data-testid="tail-stop" onClick={() => setTarget(undefined)}>
                {t.tail.stop}
              </Button>
              {tail.paused ? (
                <Button variant="primary" data-testid="tail-resume" onClick={tail.resume}>
                  {t.tail.resume}
                </Button>
              ) : (
                <Button data-testid="tail-pause" onClick={tail.pause}>
                  {t.tail.pause}
                </Button>
              )}
              <Button variant="ghost" data-testid="tail-clear" onClick={tail.clear}>
                {t.tail.clear}
              </Button>
            </>
          ) : (
            <Button type="submit" variant="primary" data-testid="tail-start">
              {t.tail.start}
            </Button>
          )}
        </div>
        <div className="mt-7 ml-auto flex items-center gap-3 text-xs text-muted tabular-nums">
          <Badge tone={tail.paused ? 'warning' : tail.status === 'live' ? 'success' : tail.status === 'error' ? 'danger' : 'neutral'} data-testid="tail-status" data-status={tail.paused ? 'paused' : target ? tail.status : 'stopped'}>
            {statusText}
          </Badge>
          <span data-testid="tail-buffer">{t.tail.buffer(tail.messages.length, TAIL_BUFFER_MAX)}</span>
          {tail.skipped > 0 ? <span data-testid="tail-skipped">{t.tail.skipped(tail.skipped)}</span> : null}
        </div>
      </form>
      {tail.error ? <ErrorState title={t.tail.error} message={tail.error} testId="tail-error" /> : null}
      {target ? (
        <MessageTable testId="tail-messages" messages={tail.messages} empty={<EmptyState title={t.tail.waiting} testId="tail-waiting" />} pageSize={TAIL_BUFFER_MAX} />
      ) : null}
    </>
  );
}
