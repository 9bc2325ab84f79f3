/**
 * Runs once when a Next.js server process starts, before it serves requests: starts the console's server side
 * (embedded nameserver unless RMQ_EMBEDDED=0, cluster registry, shared RemotingClient). Node.js runtime only, and
 * never during `next build`; the import is dynamic so the edge bundle never sees Node APIs.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startConsoleOrExit } = await import('./lib/server/start-console-or-exit');
  await startConsoleOrExit();
}
