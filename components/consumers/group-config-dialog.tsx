'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { CheckboxField, Field, TextInput } from '@/components/ui/form-field';
import { useClusterBrokers } from '@/lib/api/clusters';
import { useGroupConfigs, useWriteGroupConfig } from '@/lib/api/consumers';
import { useText } from '@/lib/i18n/i18n-provider';
import { groupConfigFormSchema, type SubscriptionGroupConfigView } from '@/lib/validations/group';
import { fieldErrors, numberText } from '@/components/ui/form-errors';

/**
 * Create a group, or edit one (rocketmq-dashboard's config dialog): the subscription-group fields, written to the
 * master brokers chosen. Checked with the server's own schema before sending; the server's answer is shown as is.
 */
interface FormState {
  groupName: string;
  brokerAddrs: string[];
  consumeEnable: boolean;
  consumeBroadcastEnable: boolean;
  consumeFromMinEnable: boolean;
  retryQueueNums: string;
  retryMaxTimes: string;
  brokerId: string;
  whichBrokerWhenConsumeSlowly: string;
}

const numberFields = ['retryQueueNums', 'retryMaxTimes', 'brokerId', 'whichBrokerWhenConsumeSlowly'] as const;

function initialState(group: string | undefined, config: SubscriptionGroupConfigView | undefined, brokerAddrs: string[]): FormState {
  return {
    groupName: group ?? '',
    brokerAddrs,
    consumeEnable: config?.consumeEnable ?? true,
    consumeBroadcastEnable: config?.consumeBroadcastEnable ?? true,
    consumeFromMinEnable: config?.consumeFromMinEnable ?? true,
    retryQueueNums: String(config?.retryQueueNums ?? 1),
    retryMaxTimes: String(config?.retryMaxTimes ?? 16),
    brokerId: String(config?.brokerId ?? 0),
    whichBrokerWhenConsumeSlowly: String(config?.whichBrokerWhenConsumeSlowly ?? 1),
  };
}

export function GroupConfigDialog({ clusterId, group, onClose }: { clusterId: string; group?: string; onClose: () => void }) {
  const t = useText('consumers');
  const brokers = useClusterBrokers(clusterId);
  const configs = useGroupConfigs(clusterId, group ?? '', group !== undefined);
  const masters = useMemo(() => {
    if (group !== undefined) return configs.data?.brokers.map((broker) => ({ ...broker, present: broker.config !== null }));
    return brokers.data?.brokers.filter((broker) => broker.role === 'master').map((broker) => ({ cluster: broker.cluster, brokerName: broker.brokerName, brokerAddr: broker.address, present: false }));
  }, [group, configs.data, brokers.data]);
  const loadError = group !== undefined ? configs.error : brokers.error;
  return (
    <Dialog open title={group ? t.config.editTitle(group) : t.config.createTitle} description={t.config.description} onClose={onClose} testId="group-config-dialog" size="lg">
      {loadError ? (
        <ErrorState title={t.detailErrorTitle} message={loadError.message} testId="group-config-load-error" />
      ) : !masters ? (
        <p className="text-sm text-muted">{t.config.brokersLoading}</p>
      ) : (
        <GroupConfigForm
          clusterId={clusterId}
          group={group}
          masters={masters}
          initial={initialState(
            group,
            configs.data?.brokers.find((broker) => broker.config)?.config ?? undefined,
            masters.filter((broker) => broker.present || group === undefined).map((broker) => broker.brokerAddr),
          )}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

interface GroupConfigFormProps {
  clusterId: string;
  group: string | undefined;
  masters: Array<{ cluster: string; brokerName: string; brokerAddr: string; present: boolean }>;
  initial: FormState;
  onClose: () => void;
}

function GroupConfigForm({ clusterId, group, masters, initial, onClose }: GroupConfigFormProps) {
  const t = useText('consumers');
  const common = useText('common');
  const [form, setForm] = useState<FormState>(initial);
  const [submitted, setSubmitted] = useState(false);
  const write = useWriteGroupConfig();
  const body = { cluster: clusterId, ...form, ...Object.fromEntries(numberFields.map((name) => [name, numberText(form[name])])) };
  const validation = groupConfigFormSchema.safeParse(body);
  const errors = submitted ? fieldErrors(validation.error) : {};
  const set = <K extends keyof FormState>(name: K, value: FormState[K]) => setForm((current) => ({ ...current, [name]: value }));

  const submit = () => {
    setSubmitted(true);
    if (!validation.success) return;
    write.mutate(validation.data, { onSuccess: () => onClose() });
  };

  return (
    <form
      data-testid="group-config-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      className="space-y-4"
    >
      <Field label={t.config.groupName} error={errors.groupName} testId="group-name-field">
        <TextInput data-testid="group-name-input" value={form.groupName} readOnly={group !== undefined} onChange={(event) => set('groupName', event.target.value)} />
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t.config.brokers}</legend>
        <p className="mb-2 text-xs text-muted">{t.config.brokersHint}</p>
        <div className="space-y-1">
          {masters.map((broker) => (
            <CheckboxField
              key={broker.brokerAddr}
              data-testid={`broker-choice-${broker.brokerName}`}
              label={
                <span>
                  {broker.cluster} / {broker.brokerName} <span className="font-mono text-xs text-muted">{broker.brokerAddr}</span>
                  {broker.present ? <span className="ml-2 text-xs text-success">{t.config.presentOn}</span> : null}
                </span>
              }
              checked={form.brokerAddrs.includes(broker.brokerAddr)}
              onChange={(event) => set('brokerAddrs', event.target.checked ? [...form.brokerAddrs, broker.brokerAddr] : form.brokerAddrs.filter((addr) => addr !== broker.brokerAddr))}
            />
          ))}
        </div>
        {errors.brokerAddrs ? (
          <p role="alert" data-testid="brokers-field-error" className="mt-1 text-xs text-danger">
            {errors.brokerAddrs}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <CheckboxField label={t.config.consumeEnable} data-testid="consume-enable" checked={form.consumeEnable} onChange={(event) => set('consumeEnable', event.target.checked)} />
        <CheckboxField label={t.config.consumeBroadcastEnable} data-testid="consume-broadcast-enable" checked={form.consumeBroadcastEnable} onChange={(event) => set('consumeBroadcastEnable', event.target.checked)} />
        <CheckboxField label={t.config.consumeFromMinEnable} data-testid="consume-from-min-enable" checked={form.consumeFromMinEnable} onChange={(event) => set('consumeFromMinEnable', event.target.checked)} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field label={t.config.retryQueueNums} error={errors.retryQueueNums} testId="retry-queue-nums-field">
          <TextInput inputMode="numeric" data-testid="retry-queue-nums-input" value={form.retryQueueNums} onChange={(event) => set('retryQueueNums', event.target.value)} />
        </Field>
        <Field label={t.config.retryMaxTimes} hint={t.config.retryMaxTimesHint} error={errors.retryMaxTimes} testId="retry-max-times-field">
          <TextInput inputMode="numeric" data-testid="retry-max-times-input" value={form.retryMaxTimes} onChange={(event) => set('retryMaxTimes', event.target.value)} />
        </Field>
        <Field label={t.config.brokerId} error={errors.brokerId} testId="broker-id-field">
          <TextInput inputMode="numeric" data-testid="broker-id-input" value={form.brokerId} onChange={(event) => set('brokerId', event.target.value)} />
        </Field>
        <Field label={t.config.whichBrokerWhenConsumeSlowly} error={errors.whichBrokerWhenConsumeSlowly} testId="slow-broker-id-field">
          <TextInput inputMode="numeric" data-testid="slow-broker-id-input" value={form.whichBrokerWhenConsumeSlowly} onChange={(event) => set('whichBrokerWhenConsumeSlowly', event.target.value)} />
        </Field>
      </div>
      {write.error ? <ErrorState title={common.errorTitle} message={write.error.message} testId="group-config-error" /> : null}
      <div className="flex justify-end gap-2 border-t border-border pt-3">
        <Button onClick={onClose} disabled={write.isPending}>
          {common.cancel}
        </Button>
        <Button type="submit" variant="primary" data-testid="group-config-submit" disabled={write.isPending}>
          {write.isPending ? t.config.saving : group ? t.config.submitUpdate : t.config.submitCreate}
        </Button>
      </div>
    </form>
  );
}
