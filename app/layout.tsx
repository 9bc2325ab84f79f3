import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader, appText } from '@/components/layout/app-header';
import { SideNav } from '@/components/layout/side-nav';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: appText.productName, template: `%s · ${appText.productName}` },
  description: 'Admin console for RocketMQ clusters',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="antialiased">
        <Providers>
          <div className="flex h-full min-w-[900px] flex-col">
            <AppHeader />
            <div className="flex min-h-0 flex-1">
              <SideNav />
              <main className="min-w-0 flex-1 overflow-y-auto px-6 py-5">{children}</main>
            </div>
          </div>
        </Providers>
      </body>
    </html>
  );
}
