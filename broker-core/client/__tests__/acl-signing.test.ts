import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aclSignature, signedContent } from '../../acl/acl-signature';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command';
import { RemotingServer } from '../../remoting/remoting-server';
import { MQAdmin } from '../admin/mq-admin';
import { getBrokerRuntimeInfo } from '../broker-admin';
import { MQClientError } from '../client-error';

// What reaches a server from a client given accessKey/secretKey (Java AclClientRPCHook), over real TCP.
describe('ACL signing in the client', () => {
  let server: RemotingServer;
  let address: string;
  const seen: RemotingCommand[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = new RemotingServer({ name: 'fake-broker' });
    server.processors.register(RequestCode.GET_BROKER_RUNTIME_INFO, (request) => {
      seen.push(request);
      return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from('{"table":{}}') });
    });
    address = `127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });

  afterEach(async () => {
    await server.close();
  });

  it('signs every request with AccessKey, SecurityToken and a Signature the broker can recompute', async () => {
    const admin = new MQAdmin({ namesrvAddr: '127.0.0.1:1', accessKey: 'RocketMQ', secretKey: '12345678', securityToken: 'sts-token' });
    try {
      await getBrokerRuntimeInfo(admin.remoting, address);
      await getBrokerRuntimeInfo(admin.remoting, address);
    } finally {
      await admin.close();
    }
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      const fields = request.extFields ?? {};
      expect(fields.AccessKey).toBe('RocketMQ');
      expect(fields.SecurityToken).toBe('sts-token');
      expect(fields.Signature).toHaveLength(28);
      // Values sorted by key: AccessKey, SecurityToken (no header fields on this request).
      expect(fields.Signature).toBe(aclSignature('12345678', Buffer.from('RocketMQsts-token')));
      expect(fields.Signature).toBe(aclSignature('12345678', signedContent(fields, request.body)));
    }
  });

  it('sends nothing extra without credentials, and refuses half a pair', async () => {
    const admin = new MQAdmin({ namesrvAddr: '127.0.0.1:1' });
    try {
      await getBrokerRuntimeInfo(admin.remoting, address);
    } finally {
      await admin.close();
    }
    expect(seen[0].extFields ?? {}).toEqual({});
    expect(() => new MQAdmin({ namesrvAddr: '127.0.0.1:1', accessKey: 'onlyTheKey' })).toThrow(MQClientError);
    expect(() => new MQAdmin({ namesrvAddr: '127.0.0.1:1', secretKey: 'onlyTheSecret' })).toThrow(/both accessKey and secretKey/);
  });
});
