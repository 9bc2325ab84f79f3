'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { CheckboxField } from '@/components/ui/form-field';
import { useDeleteGroup, useGroupConfigs } from '@/lib/api/consumers';
import { useText } from '@/lib/i18n/i18n-provider';
import { groupDeleteSchema } from '@/lib/validations/group';
import { fieldErrors } from '@/components/ui/form-errors';

/** Delete the group's config from the brokers chosen (those that have it are preselected). */
export function GroupDeleteDialog({ clusterId, group, onClose, onDeleted }: { clusterId: string; group: string; onClose: () => void; onDeleted: () => void }) {
  const t = useText('consumers');
  const common = useText('common');
  const configs = useGroupConfigs(clusterId, group);
  const [chosen, setChosen] = useState<string[] | undefined>();
  const [removeOffset, setRemoveOffset] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const remove = useDeleteGroup();
  const brokers = configs.data?.brokers ?? [];
  const brokerAddrs = chosen ?? brokers.filter((broker) => broker.config).map((broker) => broker.brokerAddr);
  const validation = groupDeleteSchema.safeParse({ cluster: clusterId, group, brokerAddrs, removeOffset });
  const errors = submitted ? fieldErrors(validation.error) : {};
  return (
    <Dialog
      open
      title={t.remove.title(group)}
      description={t.remove.description}
      onClose={onClose}
      busy={remove.isPending}
      testId="group-delete-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending}>
            {common.cancel}
          </Button>
          <Button
            variant="primary"
            className="bg-danger"
            data-testid="group-delete-submit"
            disabled={remove.isPending || !configs.data}
            onClick={() => {
              setSubmitted(true);
              if (validation.success) remove.mutate(validation.data, { onSuccess: onDeleted });
            }}
          >
            {remove.isPending ? t.remove.running : t.remove.submit}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        {configs.error ? <ErrorState title={common.errorTitle} message={configs.error.message} /> : null}
        {brokers.map((broker) => (
          <CheckboxField
            key={broker.brokerAddr}
            data-testid={`delete-broker-${broker.brokerName}`}
            label={`${broker.cluster} / ${broker.brokerName} (${broker.brokerAddr})`}
            checked={brokerAddrs.includes(broker.brokerAddr)}
            onChange={(event) => setChosen(event.target.checked ? [...brokerAddrs, broker.brokerAddr] : brokerAddrs.filter((addr) => addr !== broker.brokerAddr))}
          />
        ))}
        {errors.brokerAddrs ? <p className="text-xs text-danger">{errors.brokerAddrs}</p> : null}
        <CheckboxField label={t.remove.removeOffset} data-testid="delete-remove-offset" checked={removeOffset} onChange={(event) => setRemoveOffset(event.target.checked)} />
        {remove.error ? <ErrorState title={common.errorTitle} message={remove.error.message} testId="group-delete-error" /> : null}
      </div>
    </Dialog>
  );
}
