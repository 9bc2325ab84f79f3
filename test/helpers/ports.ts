import { createServer } from 'node:net';

/** A TCP port free right now on 127.0.0.1 (the OS picks it; we release it for the process that will bind it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A port p with p, p-2 and p+1 free (the broker's client, VIP and HA ports). */
export async function freeBrokerPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    if (port < 1026) continue;
    const others = await Promise.all([port - 2, port + 1].map((candidate) => isFree(candidate)));
    if (others.every(Boolean)) return port;
  }
  throw new Error('no free broker port triple found');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

