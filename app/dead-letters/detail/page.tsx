import type { Metadata } from 'next';
import { DlqDetailView } from '@/components/dead-letters/dlq-detail-view';
import { ErrorState } from '@/components/ui/error-state';
import { getText } from '@/lib/i18n/server';
import { offsetMessageIdSchema } from '@/lib/validations/message-query';
import { groupNameSchema } from '@/lib/validations/topic';

type Props = { searchParams: Promise<{ msgId?: string | string[]; group?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getText('deadLetters')).detailTitle };
}

/** /dead-letters/detail?msgId=<offset id>&group=<group>: the letter, with both ways back. */
export default async function DeadLetterDetailPage({ searchParams }: Props) {
  const params = await searchParams;
  const msgId = offsetMessageIdSchema.safeParse(params.msgId);
  const group = groupNameSchema.safeParse(params.group);
  if (!msgId.success || !group.success) {
    const problem = (!msgId.success ? msgId.error : group.error)?.issues[0]?.message ?? 'bad request';
    return <ErrorState title={(await getText('messages')).detail.errorTitle} message={problem} testId="dlq-detail-params-error" />;
  }
  return <DlqDetailView msgId={msgId.data} group={group.data} />;
}
