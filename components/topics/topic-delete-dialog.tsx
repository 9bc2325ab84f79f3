'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { useDeleteTopic } from '@/lib/api/topics';
import { useText } from '@/lib/i18n/i18n-provider';

/** Deleting a topic is final: the user types its name before the button unlocks. */
export function TopicDeleteDialog({ clusterId, topic, onClose, onDeleted }: { clusterId: string; topic: string; onClose: () => void; onDeleted?: () => void }) {
  const t = useText('topics');
  const common = useText('common');
  const remove = useDeleteTopic();
  const [typed, setTyped] = useState('');
  return (
    <Dialog
      open
      testId="topic-delete-dialog"
      title={t.remove.title(topic)}
      description={t.remove.description}
      onClose={onClose}
      busy={remove.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending}>
            {common.cancel}
          </Button>
          <Button
            variant="primary"
            className="bg-danger"
            data-testid="topic-delete-confirm"
            disabled={typed !== topic || remove.isPending}
            onClick={() => remove.mutate({ cluster: clusterId, topic }, { onSuccess: () => (onDeleted ?? onClose)() })}
          >
            {remove.isPending ? t.remove.deleting : t.remove.confirm}
          </Button>
        </>
      }
    >
      <Field label={t.remove.typeToConfirm}>
        <TextInput data-testid="topic-delete-typed" value={typed} onChange={(event) => setTyped(event.target.value)} placeholder={topic} autoFocus />
      </Field>
      {remove.isError ? <ErrorState title={t.remove.failed} message={remove.error.message} testId="topic-delete-error" /> : null}
    </Dialog>
  );
}
