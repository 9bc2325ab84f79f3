import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/lib/paths';

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      description={
        <>
          There is no such page in the console. <Link className="text-accent underline" href={paths.dashboard()}>Go to the dashboard</Link>.
        </>
      }
      testId="not-found"
    />
  );
}
