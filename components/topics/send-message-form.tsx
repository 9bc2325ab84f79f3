'use client';

import { useState, type FormEvent } from 'react';
import { fieldErrors, numberText } from '@/components/ui/form-errors';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { Field, SelectInput, TextArea, TextInput } from '@/components/ui/form-field';
import { useSendMessage } from '@/lib/api/topics';
import { useText } from '@/lib/i18n/i18n-provider';
import { MAX_DELAY_LEVEL, messageSendSchema } from '@/lib/validations/message-send';

/** Default broker delay levels (messageDelayLevel), shown beside the numbers. */
const DELAY_LABELS = ['1s', '5s', '10s', '30s', '1m', '2m', '3m', '4m', '5m', '6m', '7m', '8m', '9m', '10m', '20m', '30m', '1h', '2h'];

/**
 * rocketmq-dashboard's SEND MESSAGE: tag, keys, body, user properties and delay level, checked with the API's schema
 * before sending; the SendResult (status, ids, queue and offset) is shown as the broker gave it.
 */
export function SendMessageForm({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useText('topics');
  const send = useSendMessage(topic);
  const [tags, setTags] = useState('');
  const [keys, setKeys] = useState('');
  const [body, setBody] = useState('');
  const [delayLevel, setDelayLevel] = useState('0');
  const [properties, setProperties] = useState<Array<{ name: string; value: string }>>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = messageSendSchema.safeParse({ cluster: clusterId, tags, keys, body, properties, delayLevel: numberText(delayLevel) });
    setErrors(fieldErrors(parsed.error));
    if (parsed.success) send.mutate(parsed.data);
  };
  const setProperty = (index: number, field: 'name' | 'value', value: string) =>
    setProperties((list) => list.map((entry, position) => (position === index ? { ...entry, [field]: value } : entry)));

  return (
    <div className="grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)] gap-6">
      <form noValidate onSubmit={submit} className="space-y-3" data-testid="send-form">
        <div className="grid grid-cols-2 gap-3">
          <Field label={t.send.tags} error={errors.tags} testId="send-tags">
            <TextInput data-testid="send-tags" value={tags} onChange={(event) => setTags(event.target.value)} />
          </Field>
          <Field label={t.send.keys} hint={t.send.keysHint} error={errors.keys} testId="send-keys">
            <TextInput data-testid="send-keys" value={keys} onChange={(event) => setKeys(event.target.value)} />
          </Field>
        </div>
        <Field label={t.send.body} error={errors.body} testId="send-body">
          <TextArea data-testid="send-body" rows={6} value={body} onChange={(event) => setBody(event.target.value)} />
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t.send.properties}</legend>
          {properties.map((property, index) => (
            <div key={index} className="mb-1 flex gap-2">
              <TextInput aria-label={t.send.propertyName} placeholder={t.send.propertyName} data-testid="send-property-name" value={property.name} onChange={(event) => setProperty(index, 'name', event.target.value)} />
              <TextInput aria-label={t.send.propertyValue} placeholder={t.send.propertyValue} data-testid="send-property-value" value={property.value} onChange={(event) => setProperty(index, 'value', event.target.value)} />
              <Button variant="ghost" onClick={() => setProperties((list) => list.filter((_, position) => position !== index))}>
                {t.send.removeProperty}
              </Button>
            </div>
          ))}
          {errors.properties ? (
            <span role="alert" data-testid="send-properties-error" className="block text-xs text-danger">
              {errors.properties}
            </span>
          ) : null}
          <Button data-testid="send-add-property" onClick={() => setProperties((list) => [...list, { name: '', value: '' }])}>
            {t.send.addProperty}
          </Button>
        </fieldset>
        <Field label={t.send.delayLevel} error={errors.delayLevel} testId="send-delay" className="w-56">
          <SelectInput data-testid="send-delay" value={delayLevel} onChange={(event) => setDelayLevel(event.target.value)}>
            <option value="0">{t.send.delayNone}</option>
            {Array.from({ length: MAX_DELAY_LEVEL }, (_, index) => (
              <option key={index + 1} value={index + 1}>{`${index + 1} · ${DELAY_LABELS[index]}`}</option>
            ))}
          </SelectInput>
        </Field>
        <Button variant="primary" type="submit" data-testid="send-submit" disabled={send.isPending}>
          {send.isPending ? t.send.sending : t.send.submit}
        </Button>
      </form>
      <section aria-live="polite">
        <h3 className="mb-2 text-sm font-semibold">{t.send.result}</h3>
        {send.isError ? <ErrorState title={t.send.failed} message={send.error.message} testId="send-error" /> : null}
        {send.data ? (
          <dl data-testid="send-result" className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-border p-3 text-sm">
            <dt className="text-muted">{t.send.status}</dt>
            <dd data-testid="send-result-status">{send.data.sendStatus}</dd>
            <dt className="text-muted">{t.send.msgId}</dt>
            <dd data-testid="send-result-msgid" className="font-mono text-xs break-all">
              {send.data.msgId}
            </dd>
            <dt className="text-muted">{t.send.offsetMsgId}</dt>
            <dd data-testid="send-result-offsetmsgid" className="font-mono text-xs break-all">
              {send.data.offsetMsgId}
            </dd>
            <dt className="text-muted">{t.send.queue}</dt>
            <dd data-testid="send-result-queue">{`${send.data.brokerName} / ${send.data.queueId}`}</dd>
            <dt className="text-muted">{t.send.queueOffset}</dt>
            <dd data-testid="send-result-offset" className="tabular-nums">
              {send.data.queueOffset}
            </dd>
          </dl>
        ) : null}
      </section>
    </div>
  );
}
