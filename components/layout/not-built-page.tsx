import { Card, CardContent } from '@/components/ui/card';
import { getText } from '@/lib/i18n/server';
import type { NavKey } from '@/lib/navigation';
import { PageHeader } from './page-header';

/** A section whose feature does not exist yet: says so and names what it will show. No sample data. */
export async function NotBuiltPage({ section: key }: { section: NavKey }) {
  const [common, nav] = await Promise.all([getText('common'), getText('nav')]);
  const section = nav[key];
  return (
    <>
      <PageHeader title={section.title} summary={section.summary} />
      <Card data-testid="not-built">
        <CardContent>
          <p className="font-medium">{common.notBuiltHeading}</p>
          <p className="mt-1 text-sm text-muted">
            {common.notBuiltWillShow} {section.willShow}.
          </p>
        </CardContent>
      </Card>
    </>
  );
}
