'use client';

import { useState } from 'react';
import { fieldErrors } from '@/components/ui/form-errors';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { Field, TextInput } from '@/components/ui/form-field';
import { useAddCluster, useProbeCluster } from '@/lib/api/ops';
import { useText } from '@/lib/i18n/i18n-provider';
import { addClusterSchema } from '@/lib/validations/ops';
import { ProbeBadge } from './cluster-table';

/** Nameserver addresses (validated as RocketMQ's NAMESRV_ADDR), an optional name; test, then add. */
export function AddClusterForm() {
  const t = useText('ops');
  const common = useText('common');
  const [namesrvAddr, setNamesrvAddr] = useState('');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const add = useAddCluster();
  const probe = useProbeCluster();
  const validation = addClusterSchema.safeParse({ namesrvAddr, ...(name.trim() ? { name } : {}) });
  const errors = submitted ? fieldErrors(validation.error) : {};
  return (
    <form
      data-testid="add-cluster-form"
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (!validation.success) return;
        add.mutate(validation.data, {
          onSuccess: () => {
            setNamesrvAddr('');
            setName('');
            setSubmitted(false);
            probe.reset();
          },
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <Field label={t.namesrvAddr} hint={t.namesrvAddrHint} error={errors.namesrvAddr} testId="add-cluster-addr-field">
          <TextInput data-testid="add-cluster-addr" className="font-mono" value={namesrvAddr} onChange={(event) => setNamesrvAddr(event.target.value)} />
        </Field>
        <Field label={t.name} error={errors.name} testId="add-cluster-name-field">
          <TextInput data-testid="add-cluster-name" value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          data-testid="add-cluster-test"
          disabled={probe.isPending}
          onClick={() => {
            setSubmitted(true);
            if (validation.success) probe.mutate(validation.data.namesrvAddr);
          }}
        >
          {probe.isPending ? t.testing : t.test}
        </Button>
        <Button type="submit" variant="primary" data-testid="add-cluster-submit" disabled={add.isPending}>
          {add.isPending ? t.adding : t.add}
        </Button>
        {probe.data ? (
          <span data-testid="add-cluster-probe">
            <ProbeBadge probe={probe.data.probe} />
          </span>
        ) : null}
        {add.data ? (
          <span className="text-sm text-success" data-testid="add-cluster-added">
            {t.added(add.data.cluster.name)}
          </span>
        ) : null}
      </div>
      {probe.error ? <ErrorState title={common.errorTitle} message={probe.error.message} testId="add-cluster-probe-error" /> : null}
      {add.error ? <ErrorState title={common.errorTitle} message={add.error.message} testId="add-cluster-error" /> : null}
    </form>
  );
}
