'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/class-names';
import { useText } from '@/lib/i18n/i18n-provider';
import { navSections } from '@/lib/navigation';

/** The left navigation; the entry of the current section is marked for the eye and for screen readers. */
export function SideNav() {
  const pathname = usePathname();
  const t = useText('nav');
  return (
    <nav aria-label="Main" data-testid="side-nav" className="w-48 shrink-0 overflow-y-auto border-r border-border bg-surface py-3">
      <ul className="space-y-0.5 px-2">
        {navSections.map((section) => {
          const active = section.href === '/' ? pathname === '/' : pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.key}>
              <Link
                href={section.href}
                data-testid={`nav-${section.key}`}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'block rounded-md px-3 py-1.5 text-sm',
                  active ? 'bg-accent-soft font-medium text-accent' : 'text-foreground hover:bg-surface-muted',
                )}
              >
                {t[section.key].label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
