import { Card, CardContent } from '@/components/ui/card';
import { navSection, type NavKey } from '@/lib/navigation';
import { PageHeader } from './page-header';

export const notBuiltText = {
  heading: 'Not built yet',
  willShow: 'When it is, this page will show',
};

/** A section whose feature does not exist yet: says so and names what it will show. No sample data. */
export function NotBuiltPage({ section: key }: { section: NavKey }) {
  const section = navSection(key);
  return (
    <>
      <PageHeader title={section.title} summary={section.summary} />
      <Card data-testid="not-built">
        <CardContent>
          <p className="font-medium">{notBuiltText.heading}</p>
          <p className="mt-1 text-sm text-muted">
            {notBuiltText.willShow} {section.notBuilt?.willShow ?? ''}.
          </p>
        </CardContent>
      </Card>
    </>
  );
}
