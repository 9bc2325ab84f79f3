import type { Metadata } from 'next';
import { GroupDetailView } from '@/components/consumers/group-detail-view';
import { ErrorState } from '@/components/ui/error-state';
import { getText } from '@/lib/i18n/server';
import { groupNameSchema } from '@/lib/validations/topic';

type Props = { searchParams: Promise<{ name?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const name = (await searchParams).name;
  return { title: typeof name === 'string' ? name : (await getText('nav')).consumers.title };
}

/** /consumers/group?name=<group>: the name travels in the query string (legal names contain % and |). */
export default async function ConsumerGroupPage({ searchParams }: Props) {
  const parsed = groupNameSchema.safeParse((await searchParams).name);
  if (!parsed.success) {
    const common = await getText('common');
    return <ErrorState title={common.errorTitle} message={parsed.error.issues[0]?.message ?? 'bad group name'} testId="group-name-error" />;
  }
  return <GroupDetailView group={parsed.data} />;
}
