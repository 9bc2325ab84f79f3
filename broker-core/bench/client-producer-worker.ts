import { Producer } from '../client/producer/producer';

/**
 * A producer process for the client benchmarks: `node client-producer-worker.js <namesrv> <topic> <inFlight>
 * <seconds|0> <count|0>` sends 1 KiB messages with `inFlight` sends outstanding, for the given time or count, then
 * prints one JSON line `{"sent":n,"failed":n,"seconds":s}`. Started by client.bench.ts, in its own process so
 * several of them use several cores.
 */
export async function runProducerWorker(namesrvAddr: string, topic: string, inFlight: number, seconds: number, count: number): Promise<{ sent: number; failed: number; seconds: number }> {
  const producer = new Producer({ namesrvAddr, group: `bench_producer_${process.pid}`, sendMsgTimeoutMs: 10_000 });
  await producer.start();
  const body = Buffer.alloc(1024, 0x61);
  await producer.send({ topic, body }); // route and connection warm-up
  let sent = 0;
  let failed = 0;
  let started = 0;
  const began = performance.now();
  const deadline = seconds > 0 ? began + seconds * 1000 : Infinity;
  const more = () => (count > 0 ? started < count : performance.now() < deadline);
  const loop = async () => {
    while (more()) {
      started++;
      try {
        await producer.send({ topic, body });
        sent++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const elapsed = (performance.now() - began) / 1000;
  await producer.shutdown();
  return { sent, failed, seconds: elapsed };
}

if (require.main === module) {
  const [namesrvAddr, topic, inFlight, seconds, count] = process.argv.slice(2);
  runProducerWorker(namesrvAddr, topic, Number(inFlight), Number(seconds), Number(count)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
