'use client';

import { useState, type FormEvent } from 'react';
import { fieldErrors, numberText } from '@/components/ui/form-errors';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { CheckboxField, Field, TextInput } from '@/components/ui/form-field';
import { useSaveTopic, useTopicTargets } from '@/lib/api/topics';
import { useText } from '@/lib/i18n/i18n-provider';
import { TOPIC_PERMS, topicFormSchema } from '@/lib/validations/topic';

export interface TopicFormInitial {
  topicName: string;
  readQueueNums: number;
  writeQueueNums: number;
  perm: number;
  order: boolean;
  clusterNames: string[];
  brokerNames: string[];
}

/**
 * Create or update a topic (mqadmin updateTopic): the form is checked with the same zod schema the API uses, so the
 * browser shows the server's words before any request; the cluster's refusal, if any, is shown as it came.
 */
export function TopicFormDialog({ clusterId, initial, onClose }: { clusterId: string; initial?: TopicFormInitial; onClose: () => void }) {
  const t = useText('topics');
  const common = useText('common');
  const targets = useTopicTargets(clusterId);
  const save = useSaveTopic();
  const updating = initial !== undefined;
  const [topicName, setTopicName] = useState(initial?.topicName ?? '');
  const [writeQueueNums, setWriteQueueNums] = useState(String(initial?.writeQueueNums ?? 8));
  const [readQueueNums, setReadQueueNums] = useState(String(initial?.readQueueNums ?? 8));
  const [perm, setPerm] = useState(String(initial?.perm ?? 6));
  const [order, setOrder] = useState(initial?.order ?? false);
  const [clusterNames, setClusterNames] = useState<string[]>(initial?.clusterNames ?? []);
  const [brokerNames, setBrokerNames] = useState<string[]>(initial?.brokerNames ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value]);
  // A new topic goes to the only cluster when there is just one (what a user means nine times out of ten).
  const onlyCluster = targets.data?.clusters.length === 1 ? targets.data.clusters[0].clusterName : undefined;
  const chosenClusters = !updating && clusterNames.length === 0 && brokerNames.length === 0 && onlyCluster ? [onlyCluster] : clusterNames;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = topicFormSchema.safeParse({
      cluster: clusterId,
      topicName,
      writeQueueNums: numberText(writeQueueNums),
      readQueueNums: numberText(readQueueNums),
      perm: numberText(perm),
      order,
      clusterNames: chosenClusters,
      brokerNames,
    });
    setErrors(fieldErrors(parsed.error));
    if (!parsed.success) return;
    save.mutate(parsed.data, { onSuccess: onClose });
  };

  return (
    <Dialog
      open
      size="lg"
      testId="topic-form"
      title={updating ? t.form.updateTitle(initial.topicName) : t.form.createTitle}
      onClose={onClose}
      busy={save.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={save.isPending}>
            {common.cancel}
          </Button>
          <Button variant="primary" type="submit" form="topic-form-fields" data-testid="topic-form-submit" disabled={save.isPending}>
            {save.isPending ? t.form.saving : updating ? t.form.submitUpdate : t.form.submitCreate}
          </Button>
        </>
      }
    >
      <form id="topic-form-fields" noValidate onSubmit={submit} className="space-y-4">
        <Field label={t.form.topicName} hint={t.form.topicNameHint} error={errors.topicName} testId="topic-form-topicName">
          <TextInput data-testid="topic-form-topicName" value={topicName} onChange={(event) => setTopicName(event.target.value)} disabled={updating} autoFocus={!updating} />
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field label={t.form.writeQueueNums} hint={t.form.queueHint} error={errors.writeQueueNums} testId="topic-form-writeQueueNums">
            <TextInput data-testid="topic-form-writeQueueNums" inputMode="numeric" value={writeQueueNums} onChange={(event) => setWriteQueueNums(event.target.value)} />
          </Field>
          <Field label={t.form.readQueueNums} hint={t.form.queueHint} error={errors.readQueueNums} testId="topic-form-readQueueNums">
            <TextInput data-testid="topic-form-readQueueNums" inputMode="numeric" value={readQueueNums} onChange={(event) => setReadQueueNums(event.target.value)} />
          </Field>
          <Field label={t.form.perm} hint={t.form.permHint} error={errors.perm} testId="topic-form-perm">
            <TextInput data-testid="topic-form-perm" inputMode="numeric" list="topic-perm-values" value={perm} onChange={(event) => setPerm(event.target.value)} />
            <datalist id="topic-perm-values">
              {TOPIC_PERMS.map((value) => (
                <option key={value} value={value} label={t.form.perms[value]} />
              ))}
            </datalist>
          </Field>
        </div>
        <CheckboxField data-testid="topic-form-order" label={t.form.order} checked={order} onChange={(event) => setOrder(event.target.checked)} />
        {targets.isPending ? (
          <p className="text-sm text-muted">{t.form.loadingTargets}</p>
        ) : targets.isError ? (
          <ErrorState title={t.form.targetsError} message={targets.error.message} onRetry={() => void targets.refetch()} />
        ) : (
          <div className="grid grid-cols-2 gap-3">
            <fieldset data-testid="topic-form-clusters">
              <legend className="mb-1 text-sm font-medium">{t.form.clusters}</legend>
              {targets.data.clusters.map(({ clusterName }) => (
                <CheckboxField
                  key={clusterName}
                  className="mr-3"
                  data-testid={`topic-form-cluster-${clusterName}`}
                  label={clusterName}
                  checked={chosenClusters.includes(clusterName)}
                  onChange={() => setClusterNames(toggle(chosenClusters, clusterName))}
                />
              ))}
              {errors.clusterNames ? (
                <span role="alert" data-testid="topic-form-clusterNames-error" className="mt-1 block text-xs text-danger">
                  {errors.clusterNames}
                </span>
              ) : null}
            </fieldset>
            <fieldset data-testid="topic-form-brokers">
              <legend className="mb-1 text-sm font-medium">{t.form.brokers}</legend>
              {targets.data.clusters.flatMap(({ brokerNames: names }) =>
                names.map((brokerName) => (
                  <CheckboxField
                    key={brokerName}
                    className="mr-3"
                    data-testid={`topic-form-broker-${brokerName}`}
                    label={brokerName}
                    checked={brokerNames.includes(brokerName)}
                    onChange={() => setBrokerNames(toggle(brokerNames, brokerName))}
                  />
                )),
              )}
            </fieldset>
          </div>
        )}
        {save.isError ? <ErrorState title={t.form.failed} message={save.error.message} testId="topic-form-server-error" /> : null}
      </form>
    </Dialog>
  );
}
