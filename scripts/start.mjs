// `npm start`: install, build if needed, then serve the console (default port 8080) with the embedded
// nameserver (9876) and broker (10911) unless RMQ_EMBEDDED=0 or NAMESRV_ADDR points at another cluster.
import { spawn } from 'node:child_process';
import { ensureConsoleBuild, ensureCoreBuild, ensureDependencies, root } from './setup.mjs';

ensureDependencies();
ensureCoreBuild();
ensureConsoleBuild();

const port = process.env.PORT ?? '8080';
const child = spawn('npx', ['next', 'start', '-p', port], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
