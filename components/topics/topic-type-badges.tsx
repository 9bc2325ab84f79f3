'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { useText } from '@/lib/i18n/i18n-provider';
import type { TopicType } from '@/lib/validations/topic';

const tones: Record<TopicType, BadgeTone> = { normal: 'neutral', retry: 'warning', dlq: 'danger', system: 'accent', order: 'success', transaction: 'success', delay: 'success' };

export function TopicTypeBadges({ types }: { types: readonly TopicType[] }) {
  const t = useText('topics');
  return (
    <span className="inline-flex gap-1">
      {types.map((type) => (
        <Badge key={type} tone={tones[type]} data-type={type}>
          {t.types[type]}
        </Badge>
      ))}
    </span>
  );
}
