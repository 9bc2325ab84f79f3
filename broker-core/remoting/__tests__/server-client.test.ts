import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResponseCode } from '../../protocol/response-code';
import { RemotingClient } from '../remoting-client';
import { createRequest, createResponse, SerializeType } from '../remoting-command';
import { RemotingConnectError, RemotingTimeoutError, ResponseCodeError } from '../remoting-error';
import { RemotingServer } from '../remoting-server';
import type { Connection } from '../connection';

const ECHO = 1000;
const SLOW = 1001;
const FAIL = 1002;
const ASK_CLIENT = 1003;
const NOTE = 1004;

describe('remoting server and client over TCP', () => {
  let server: RemotingServer;
  let client: RemotingClient;
  let address: string;
  const onewayNotes: string[] = [];

  beforeEach(async () => {
    server = new RemotingServer({ name: 'test' });
    server.processors
      .register(ECHO, (request) => createResponse(request, ResponseCode.SUCCESS, { extFields: request.extFields, body: request.body }))
      .register(SLOW, (request) => new Promise((resolve) => setTimeout(() => resolve(createResponse(request, 0)), 300)))
      .register(FAIL, () => {
        throw new ResponseCodeError(ResponseCode.TOPIC_NOT_EXIST, 'no such topic');
      })
      .register(NOTE, (request) => {
        onewayNotes.push(request.extFields?.note ?? '');
        return createResponse(request, 0);
      })
      .register(ASK_CLIENT, async (request, connection: Connection) => {
        const answer = await connection.invoke(createRequest(ECHO, { extFields: { from: 'server' } }), 2000);
        return createResponse(request, 0, { extFields: { clientSaid: answer.extFields?.from } });
      });
    const port = await server.listen(0, '127.0.0.1');
    address = `127.0.0.1:${port}`;
    client = new RemotingClient({ name: 'test-client' });
    client.processors.register(ECHO, (request) => createResponse(request, 0, { extFields: { from: `client got ${request.extFields?.from}` } }));
  });

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('matches responses to requests by opaque, in both serializations', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.invoke(
          address,
          createRequest(ECHO, {
            extFields: { i },
            body: Buffer.from(`body-${i}`),
            serializeType: i % 2 === 0 ? SerializeType.JSON : SerializeType.ROCKETMQ,
          }),
        ),
      ),
    );
    results.forEach((response, i) => {
      expect(response.extFields?.i).toBe(String(i));
      expect(response.body?.toString()).toBe(`body-${i}`);
      // answers come back in the request's serialization
      expect(response.serializeType).toBe(i % 2 === 0 ? SerializeType.JSON : SerializeType.ROCKETMQ);
    });
  });

  it('times out a request locally and keeps the connection usable', async () => {
    await expect(client.invoke(address, createRequest(SLOW), 50)).rejects.toBeInstanceOf(RemotingTimeoutError);
    const response = await client.invoke(address, createRequest(ECHO, { extFields: { x: 1 } }));
    expect(response.extFields?.x).toBe('1');
  });

  it('answers an unknown code with REQUEST_CODE_NOT_SUPPORTED and a thrown code error with its code', async () => {
    const unknown = await client.invoke(address, createRequest(4242));
    expect(unknown.code).toBe(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
    expect(unknown.remark).toBe(' request type 4242 not supported');
    const failed = await client.invoke(address, createRequest(FAIL));
    expect(failed.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
    expect(failed.remark).toBe('no such topic');
  });

  it('delivers oneway requests without answering them', async () => {
    await client.invokeOneway(address, createRequest(NOTE, { extFields: { note: 'hi' } }));
    const echo = await client.invoke(address, createRequest(ECHO));
    expect(echo.code).toBe(0);
    expect(onewayNotes).toContain('hi');
  });

  it('lets the server send a request to the client on the same connection', async () => {
    const response = await client.invoke(address, createRequest(ASK_CLIENT));
    expect(response.extFields?.clientSaid).toBe('client got server');
  });

  it('reconnects on the next call after the server drops the connection', async () => {
    await client.invoke(address, createRequest(ECHO));
    for (const connection of server.connections) connection.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await client.invoke(address, createRequest(ECHO, { extFields: { again: true } }));
    expect(response.extFields?.again).toBe('true');
  });

  it('fails pending requests when the connection closes', async () => {
    const pending = client.invoke(address, createRequest(SLOW), 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const connection of server.connections) connection.destroy();
    await expect(pending).rejects.toBeInstanceOf(RemotingConnectError);
  });

  it('answers requests that arrive together with a few socket writes, not one each', async () => {
    await client.invoke(address, createRequest(ECHO)); // connect first
    const socket = [...server.connections][0].socket as unknown as { _write: () => void; _writev: () => void };
    const writes = vi.spyOn(socket, '_write');
    const writevs = vi.spyOn(socket, '_writev');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => client.invoke(address, createRequest(ECHO, { extFields: { i: String(i) }, body: Buffer.from(`body ${i}`) }))));
    expect(answers.map((answer) => `${answer.extFields?.i} ${answer.body?.toString()}`)).toEqual(Array.from({ length: 40 }, (_, i) => `${i} body ${i}`));
    // 40 answers of 2 buffers each: at most 16 commands per writev, so 3 writes when they were all decoded at once.
    expect(writes.mock.calls.length + writevs.mock.calls.length).toBeLessThanOrEqual(6);
  });

  it('closes only the connection that sent garbage; others keep being served', async () => {
    const attacks = [
      Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), // random bytes: a huge length prefix
      Buffer.from('7fffffff00000000', 'hex'), // 2 GiB length prefix
      Buffer.from('00000006000000ff7b7d', 'hex'), // truncated header: length 255 in a 6-byte frame
      Buffer.concat([Buffer.from('000000090000000500', 'hex'), Buffer.from('{"co:')]), // invalid JSON
    ];
    for (const attack of attacks) {
      const closed = await new Promise<boolean>((resolve) => {
        const socket = connect(Number(address.split(':')[1]), '127.0.0.1', () => socket.write(attack));
        socket.on('close', () => resolve(true));
        socket.on('error', () => undefined);
        setTimeout(() => resolve(false), 2000);
      });
      expect(closed).toBe(true);
      const response = await client.invoke(address, createRequest(ECHO, { extFields: { ok: 'yes' } }));
      expect(response.extFields?.ok).toBe('yes');
    }
  });
});
