// `npm start`: install, build if needed, then serve the console (default port 8080) with the embedded
// nameserver (9876) and broker (10911) unless RMQ_EMBEDDED=0 or NAMESRV_ADDR points at another cluster.
// Next runs as our direct child (node + next's bin, no npx/sh in between), so a signal reaches it and its PID is ours.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureConsoleBuild, ensureCoreBuild, ensureDependencies, root } from './setup.mjs';

ensureDependencies();
ensureCoreBuild();
ensureConsoleBuild();

const port = process.env.PORT ?? '8080';
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
// NEXT_MANUAL_SIG_HANDLE: the console's own handler (lib/server/start-console-or-exit.ts) stops the embedded broker
// cleanly (flush, offsets, unregister) before the process exits; Next's default handler would exit at once.
const env = { NEXT_MANUAL_SIG_HANDLE: 'true', ...process.env };
const child = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: root, stdio: 'inherit', env });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal && !stopping ? 1 : 0)));
