'use client';

import { MessageDetailView } from '@/components/messages/message-detail-view';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { useSelectedCluster } from '@/components/layout/cluster-selection';
import { dlqPagePaths } from '@/lib/api/dlq';
import { useText } from '@/lib/i18n/i18n-provider';
import { DlqResendPanel } from './dlq-resend-panel';

/** One dead letter: the message page, with its original topic and both ways back on top. */
export function DlqDetailView({ msgId, group }: { msgId: string; group: string }) {
  const t = useText('deadLetters');
  const { clusterId } = useSelectedCluster();
  return (
    <MessageDetailView
      msgId={msgId}
      backHref={dlqPagePaths.list({ group })}
      extra={(detail) => (
        <Card>
          <CardHeader title={t.detailTitle} description={`${t.originalTopic}: ${detail.properties.find((property) => property.name === 'RETRY_TOPIC')?.value ?? '—'}`} />
          <CardContent>{clusterId ? <DlqResendPanel clusterId={clusterId} group={group} msgIds={[detail.offsetMsgId]} /> : null}</CardContent>
        </Card>
      )}
    />
  );
}
