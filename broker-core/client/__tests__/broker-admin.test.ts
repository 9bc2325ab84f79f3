import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { RemotingClient } from '../../remoting/remoting-client';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import { RemotingConnectError, ResponseCodeError } from '../../remoting/remoting-error';
import { RemotingServer } from '../../remoting/remoting-server';
import { getBrokerRuntimeInfo } from '../broker-admin';

// A broker stand-in over real TCP: answers GET_BROKER_RUNTIME_INFO with whatever the test sets.
describe('getBrokerRuntimeInfo', () => {
  let server: RemotingServer;
  let remoting: RemotingClient;
  let address: string;
  let answer: (request: RemotingCommand) => RemotingCommand;
  const seen: RemotingCommand[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = new RemotingServer({ name: 'fake-broker' });
    server.processors.register(RequestCode.GET_BROKER_RUNTIME_INFO, (request) => {
      seen.push(request);
      return answer(request);
    });
    address = `127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    remoting = new RemotingClient({ name: 'admin-test' });
  });

  afterEach(async () => {
    await remoting.close();
    await server.close();
  });

  it('sends code 28 without a header and decodes the KVTable body, Java style', async () => {
    // As a Java broker writes it: fastjson, every value a string.
    const body = '{"table":{"brokerVersionDesc":"V4_9_4","brokerVersion":"413","msgPutTotalTodayNow":"12","putTps":"0.0 0.0 0.0"}}';
    answer = (request) => createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(body, 'utf8') });

    const info = await getBrokerRuntimeInfo(remoting, address);

    expect(info).toEqual({ brokerVersionDesc: 'V4_9_4', brokerVersion: '413', msgPutTotalTodayNow: '12', putTps: '0.0 0.0 0.0' });
    expect(seen).toHaveLength(1);
    expect(seen[0].code).toBe(28);
    expect(seen[0].extFields ?? {}).toEqual({});
  });

  it('throws ResponseCodeError with the broker remark on an error code', async () => {
    answer = (request) => createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: 'store not ready' });

    const failure = await getBrokerRuntimeInfo(remoting, address).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ResponseCodeError);
    expect((failure as ResponseCodeError).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((failure as ResponseCodeError).remark).toBe('store not ready');
    expect((failure as Error).message).toContain(address);
  });

  it('fails with a connect error when nothing listens at the address', async () => {
    const closedPort = await freePort();
    await expect(getBrokerRuntimeInfo(remoting, `127.0.0.1:${closedPort}`, 1000)).rejects.toBeInstanceOf(RemotingConnectError);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
