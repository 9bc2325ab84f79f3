'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { CheckboxField, Field, SelectInput, TextInput } from '@/components/ui/form-field';
import { useResetGroupOffset } from '@/lib/api/consumers';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/i18n/datetime-local';
import { useText } from '@/lib/i18n/i18n-provider';
import { groupResetOffsetSchema } from '@/lib/validations/group';
import { fieldErrors } from '@/components/ui/form-errors';

/**
 * Reset the group's offsets of one topic to a time, or skip its backlog (timestamp -1), as mqadmin
 * resetOffsetByTime does. The outcome (pushed to online clients, or written for an offline group) is shown.
 */
export function GroupResetDialog({ clusterId, group, topics, skip, onClose }: { clusterId: string; group: string; topics: string[]; skip: boolean; onClose: () => void }) {
  const t = useText('consumers');
  const common = useText('common');
  const [topic, setTopic] = useState(topics[0] ?? '');
  const [time, setTime] = useState(() => toDateTimeLocal(Date.now() - 3600_000));
  const [force, setForce] = useState(true);
  const [submitted, setSubmitted] = useState(false);
  const reset = useResetGroupOffset();
  const timestamp = skip ? -1 : fromDateTimeLocal(time);
  const validation = groupResetOffsetSchema.safeParse({ cluster: clusterId, group, topic, timestamp, force });
  const errors = submitted ? fieldErrors(validation.error) : {};
  const submit = () => {
    setSubmitted(true);
    if (validation.success) reset.mutate(validation.data);
  };
  return (
    <Dialog
      open
      title={skip ? `${t.actions.skip} · ${group}` : t.reset.title(group)}
      description={skip ? t.reset.skipDescription : t.reset.description}
      onClose={onClose}
      busy={reset.isPending}
      testId="group-reset-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={reset.isPending}>
            {reset.isSuccess ? common.close : common.cancel}
          </Button>
          <Button variant="primary" data-testid="group-reset-submit" onClick={submit} disabled={reset.isPending || topics.length === 0}>
            {reset.isPending ? t.reset.running : skip ? t.reset.submitSkip : t.reset.submit}
          </Button>
        </>
      }
    >
      {topics.length === 0 ? (
        <p className="text-sm text-muted">{t.reset.noTopics}</p>
      ) : (
        <div className="space-y-4">
          <Field label={t.reset.topic} error={errors.topic} testId="reset-topic-field">
            <SelectInput data-testid="reset-topic" value={topic} onChange={(event) => setTopic(event.target.value)}>
              {topics.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </SelectInput>
          </Field>
          {skip ? null : (
            <>
              <Field label={t.reset.time} error={errors.timestamp ?? (submitted && !time ? t.reset.timeRequired : undefined)} testId="reset-time-field">
                <TextInput type="datetime-local" step={1} data-testid="reset-time" value={time} onChange={(event) => setTime(event.target.value)} />
              </Field>
              <CheckboxField label={t.reset.force} data-testid="reset-force" checked={force} onChange={(event) => setForce(event.target.checked)} />
            </>
          )}
          {reset.error ? <ErrorState title={common.errorTitle} message={reset.error.message} testId="group-reset-error" /> : null}
          {reset.data ? (
            <p role="status" data-testid="group-reset-result" className="rounded-md bg-success-soft px-3 py-2 text-sm text-success">
              {t.reset.done(reset.data.mode, reset.data.queues.length)}
            </p>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
