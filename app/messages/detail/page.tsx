import type { Metadata } from 'next';
import { MessageDetailView } from '@/components/messages/message-detail-view';
import { searchHref } from '@/components/messages/search-params';
import { ErrorState } from '@/components/ui/error-state';
import { getText } from '@/lib/i18n/server';
import { offsetMessageIdSchema } from '@/lib/validations/message-query';

type Props = { searchParams: Promise<{ msgId?: string | string[]; topic?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { msgId } = await searchParams;
  return { title: `${(await getText('messages')).detail.title} ${typeof msgId === 'string' ? msgId : ''}` };
}

/** /messages/detail?msgId=<offset message id>&topic=<topic for the way back>. */
export default async function MessageDetailPage({ searchParams }: Props) {
  const params = await searchParams;
  const msgId = offsetMessageIdSchema.safeParse(params.msgId);
  if (!msgId.success) {
    return <ErrorState title={(await getText('messages')).detail.errorTitle} message={msgId.error.issues[0]?.message ?? 'bad message id'} testId="message-id-error" />;
  }
  const topic = typeof params.topic === 'string' ? params.topic : '';
  return <MessageDetailView msgId={msgId.data} backHref={searchHref({ tab: 'time', topic })} />;
}
