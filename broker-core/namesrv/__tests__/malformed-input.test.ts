import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAddress } from '../../remoting/remoting-client';
import type { Connection } from '../../remoting/connection';
import { brokerRegistration, startFixture, type NamesrvFixture } from './namesrv-fixture';

/**
 * Hostile or broken peers on the nameserver port (spec/remoting.md §1: any decode failure closes that channel).
 * Each bad connection must be closed by the server on its own, while a well-behaved client on another connection is
 * served throughout and afterwards. Bounded: a fixed set of inputs, each close awaited at most 3 s.
 */
describe('nameserver under malformed input', () => {
  let fx: NamesrvFixture;
  let goodConnection: Connection;
  let goodConnectionClosed = false;

  beforeAll(async () => {
    fx = await startFixture();
    await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    goodConnection = await fx.remoting.getConnection(fx.namesrv.address);
    goodConnection.once('close', () => (goodConnectionClosed = true));
  });
  afterAll(async () => {
    await fx.close();
  });

  const frame = (headerWord: number, header: Buffer, body = Buffer.alloc(0)) => {
    const head = Buffer.alloc(8);
    head.writeInt32BE(4 + header.length + body.length, 0);
    head.writeUInt32BE(headerWord >>> 0, 4);
    return Buffer.concat([head, header, body]);
  };
  const jsonFrame = (text: string) => frame(Buffer.byteLength(text), Buffer.from(text));

  const inputs: Array<[string, Buffer]> = [
    ['a 2 GiB length prefix (0x80000000)', Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0])],
    ['a 2 GiB - 1 length prefix (0x7FFFFFFF)', Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4])],
    ['a length below the header-length word', Buffer.from([0, 0, 0, 2, 0, 0])],
    ['a header length beyond the frame (truncated header)', frame(200, Buffer.from('{"code":105,'))],
    ['invalid JSON in a JSON header', jsonFrame('{"code":105,"opaque":')],
    ['a JSON header that is not an object', jsonFrame('[105,1,2]')],
    ['a JSON header with a non-numeric code', jsonFrame('{"code":"route","opaque":1,"flag":0}')],
    ['an unknown serialize type', frame((7 << 24) | 2, Buffer.from('{}'))],
    [
      'a ROCKETMQ header whose remark overruns it',
      frame((1 << 24) | 17, Buffer.from([0, 105, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff])),
    ],
    ...[1, 2, 3, 4, 5].map((seed): [string, Buffer] => [
      `4 KiB of random bytes (seed ${seed})`,
      randomBytes(seed, 4096),
    ]),
  ];

  for (const [name, bytes] of inputs) {
    it(`closes only the connection that sends ${name}`, async () => {
      const socket = await open(fx.namesrv.address);
      const served = serveWhile(fx, () => !socket.destroyed);
      socket.write(bytes);
      const received = await closedByServer(socket, 3000);
      expect(received.length).toBe(0); // no answer to garbage, just a close
      expect(await served).toBeGreaterThan(0);
      // afterwards too
      expect((await fx.client.getTopicRouteInfo('TopicA'))?.brokerDatas[0].brokerName).toBe('broker-a');
      expect(goodConnectionClosed).toBe(false);
    });
  }

  it('does not hang on a frame cut off mid-header when the peer goes away', async () => {
    const socket = await open(fx.namesrv.address);
    const partial = jsonFrame('{"code":105,"extFields":{"topic":"TopicA"},"flag":0,"opaque":1}').subarray(0, 20);
    socket.end(partial); // announces more bytes than it sends, then closes its side
    await closedByServer(socket, 3000);
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.queueDatas).toHaveLength(1);
    expect(goodConnectionClosed).toBe(false);
  });
});

function open(address: string): Promise<Socket> {
  const { host, port } = parseAddress(address);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with whatever the server sent once it closes the socket; rejects if it stays open past `timeoutMs`. */
function closedByServer(socket: Socket, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset is a close too
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`server kept the connection open for ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Keeps a well-behaved client asking for a route while `active()` holds (at most 100 requests); returns the count. */
async function serveWhile(fx: NamesrvFixture, active: () => boolean): Promise<number> {
  let served = 0;
  do {
    const route = await fx.client.getTopicRouteInfo('TopicA');
    if (route?.brokerDatas[0].brokerAddrs['0'] !== '127.0.0.1:10911') throw new Error('wrong route while under attack');
    served++;
  } while (active() && served < 100);
  return served;
}

/** Deterministic pseudo-random bytes (mulberry32), so a failing input can be replayed. */
function randomBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}
