import { describe, expect, it } from 'vitest';
import { RequestCode } from '../../protocol/request-code';
import { encodeHeartbeatData } from '../../protocol/bodies/heartbeat-data';
import { createRequest } from '../../remoting/remoting-command';
import { aclSignature, signedContent, signRequest } from '../acl-signature';
import { neededResources } from '../acl-resources';
import { compileAddressPattern } from '../address-pattern';
import { checkPermission, parsePerm, Perm, permToString } from '../permission';
import { parsePlainAclYaml, serializePlainAclYaml } from '../plain-acl-config';

describe('ACL signature (spec/acl.md §2)', () => {
  it('matches the worked example: HMAC-SHA1 over the sorted values (computed independently with openssl)', () => {
    const content = signedContent({ topic: 'T1', AccessKey: 'RocketMQ', queueId: '0', consumerGroup: 'G1' }, undefined);
    expect(content.toString()).toBe('RocketMQG10T1');
    // printf 'RocketMQG10T1' | openssl dgst -sha1 -hmac 12345678 -binary | base64
    expect(aclSignature('12345678', content)).toBe('u4iaWJyVX9PP1SH5Z5WusvV5NEo=');
  });

  it('sorts by UTF-16 code unit (upper case first, _ between), leaves Signature out and appends the body bytes', () => {
    const fields = { b: '2', _UNIQUE_KEY_QUERY: 'u', SecurityToken: 's', OnsChannel: 'o', AccessKey: 'k', a: '1', Signature: 'ignored' };
    expect(signedContent(fields, Buffer.from([0xff, 0x00])).equals(Buffer.concat([Buffer.from('kosu12'), Buffer.from([0xff, 0x00])]))).toBe(true);
    expect(signedContent(fields, undefined, '_UNIQUE_KEY_QUERY').toString()).toBe('kos12');
  });

  it('signRequest adds AccessKey and a signature a re-sign reproduces', () => {
    const request = createRequest(RequestCode.PULL_MESSAGE, { extFields: { topic: 'T1', queueId: 0, consumerGroup: 'G1' } });
    signRequest(request, { accessKey: 'RocketMQ', secretKey: '12345678' });
    expect(request.extFields?.AccessKey).toBe('RocketMQ');
    expect(request.extFields?.Signature).toBe('u4iaWJyVX9PP1SH5Z5WusvV5NEo=');
    signRequest(request, { accessKey: 'RocketMQ', secretKey: '12345678' });
    expect(request.extFields?.Signature).toBe('u4iaWJyVX9PP1SH5Z5WusvV5NEo=');
  });
});

describe('address patterns (spec/acl.md §7)', () => {
  const matches = (pattern: string, ips: string[]) => ips.filter((ip) => compileAddressPattern(pattern)(ip));

  it('each form', () => {
    const ips = ['10.0.0.1', '10.0.0.2', '10.0.0.5', '10.0.1.9', '10.1.2.3', '192.168.0.15', '::ffff:10.0.0.1'];
    expect(matches('', ips)).toEqual([]);
    expect(matches('*', ips)).toEqual(ips);
    expect(matches('*.*.*.*', ips)).toEqual(ips);
    expect(matches('10.0.0.1', ips)).toEqual(['10.0.0.1', '::ffff:10.0.0.1']);
    expect(matches('10.0.0.2,192.168.0.15', ips)).toEqual(['10.0.0.2', '192.168.0.15']);
    expect(matches('10.0.0.{1,5}', ips)).toEqual(['10.0.0.1', '10.0.0.5', '::ffff:10.0.0.1']);
    expect(matches('10.0.0.*', ips)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.5', '::ffff:10.0.0.1']);
    expect(matches('10.0.*.*', ips)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.5', '10.0.1.9', '::ffff:10.0.0.1']);
    expect(matches('10.0.0.2-5', ips)).toEqual(['10.0.0.2', '10.0.0.5']);
    expect(matches('192.168.0-3.*', ips)).toEqual(['192.168.0.15']);
    expect(matches('fe80::1', ['fe80:0:0:0:0:0:0:1', 'fe80::2'])).toEqual(['fe80:0:0:0:0:0:0:1']);
    expect(matches('fe80:0:0:0:0:0:0:a-f', ['fe80::b', 'fe80::1f'])).toEqual(['fe80::b']);
  });

  it('refuses invalid patterns', () => {
    for (const bad of ['10.0.0', '10.0.0.256', '10.*.0.1', '10.0.0.9-2', 'a.b.c.d', '10.0.0.1,nonsense', '10.0.{1,2}.3']) {
      expect(() => compileAddressPattern(bad), bad).toThrow(/netaddress/);
    }
  });
});

describe('permissions (spec/acl.md §5)', () => {
  it('parses strings, unknown text is DENY', () => {
    expect([' PUB ', 'SUB', 'PUB|SUB', 'SUB|PUB', 'DENY', 'pub', undefined, 'ANY'].map(parsePerm)).toEqual([4, 8, 12, 12, 1, 1, 1, 1]);
    expect(permToString(12)).toBe('PUB|SUB');
  });

  it('checks needed against owned', () => {
    expect(checkPermission(Perm.PUB, Perm.PUB | Perm.SUB)).toBe(true);
    expect(checkPermission(Perm.PUB, Perm.SUB)).toBe(false);
    expect(checkPermission(Perm.SUB, Perm.DENY | Perm.SUB)).toBe(false);
    expect(checkPermission(Perm.ANY, Perm.SUB)).toBe(true);
    expect(checkPermission(Perm.ANY, Perm.DENY)).toBe(false);
  });
});

describe('resources of a request (spec/acl.md §4)', () => {
  it('send, retry send, pull, offsets and heartbeats', () => {
    const send = createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: { a: 'PG', b: 'Orders' } });
    expect([...neededResources(send)]).toEqual([['Orders', Perm.PUB]]);
    const retry = createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: { a: 'PG', b: '%RETRY%Billing' } });
    expect([...neededResources(retry)]).toEqual([['%RETRY%Billing', Perm.SUB]]);
    const pull = createRequest(RequestCode.PULL_MESSAGE, { extFields: { topic: 'Orders', consumerGroup: 'Billing' } });
    expect([...neededResources(pull)]).toEqual([['Orders', Perm.SUB], ['%RETRY%Billing', Perm.SUB]]);
    const offset = createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, { extFields: { topic: 'Orders', consumerGroup: 'Billing', queueId: 1 } });
    expect(new Map(neededResources(offset))).toEqual(new Map([['%RETRY%Billing', Perm.SUB], ['Orders', Perm.SUB]]));
    const heartbeat = createRequest(RequestCode.HEART_BEAT, {
      body: encodeHeartbeatData({
        clientID: 'c1',
        producerDataSet: [{ groupName: 'PG' }],
        consumerDataSet: [
          {
            groupName: 'Billing',
            consumeType: 'CONSUME_PASSIVELY',
            messageModel: 'CLUSTERING',
            consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
            unitMode: false,
            subscriptionDataSet: [
              { topic: 'Orders', subString: '*', tagsSet: [], codeSet: [], subVersion: 1, expressionType: 'TAG', classFilterMode: false },
              { topic: '%RETRY%Billing', subString: '*', tagsSet: [], codeSet: [], subVersion: 1, expressionType: 'TAG', classFilterMode: false },
            ],
          },
        ],
      }),
    });
    expect(new Map(neededResources(heartbeat))).toEqual(new Map([['%RETRY%Billing', Perm.SUB], ['Orders', Perm.SUB]]));
    expect(neededResources(createRequest(RequestCode.HEART_BEAT, { body: Buffer.from('{not json') })).size).toBe(0);
    expect(neededResources(createRequest(RequestCode.GET_BROKER_RUNTIME_INFO)).size).toBe(0);
  });
});

describe('plain_acl.yml (spec/acl.md §6)', () => {
  // The structure of Apache RocketMQ's distribution/conf/plain_acl.yml (4.9.x).
  const UPSTREAM_SAMPLE = `globalWhiteRemoteAddresses:
  - 10.10.103.*
  - 192.168.0.*

accounts:
  - accessKey: RocketMQ
    secretKey: 12345678
    whiteRemoteAddress:
    admin: false
    defaultTopicPerm: DENY
    defaultGroupPerm: SUB
    topicPerms:
      - topicA=DENY
      - topicB=PUB|SUB
      - topicC=SUB
    groupPerms:
      # the group should convert to retry topic
      - groupA=DENY
      - groupB=PUB|SUB
      - groupC=SUB

  - accessKey: rocketmq2
    secretKey: 12345678
    whiteRemoteAddress: 192.168.1.*
    # if it is admin, it could access all resources
    admin: true
`;

  it('reads upstream sample, numbers as strings, and writes YAML that reads back the same', () => {
    const file = parsePlainAclYaml(UPSTREAM_SAMPLE, '/home/conf/plain_acl.yml');
    expect(file.globalWhiteRemoteAddresses).toEqual(['10.10.103.*', '192.168.0.*']);
    expect(file.accounts).toEqual([
      {
        accessKey: 'RocketMQ',
        secretKey: '12345678',
        admin: false,
        defaultTopicPerm: 'DENY',
        defaultGroupPerm: 'SUB',
        topicPerms: ['topicA=DENY', 'topicB=PUB|SUB', 'topicC=SUB'],
        groupPerms: ['groupA=DENY', 'groupB=PUB|SUB', 'groupC=SUB'],
      },
      { accessKey: 'rocketmq2', secretKey: '12345678', whiteRemoteAddress: '192.168.1.*', admin: true, topicPerms: [], groupPerms: [] },
    ]);
    const again = parsePlainAclYaml(serializePlainAclYaml({ ...file, dataVersion: { counter: 3, timestamp: 1700000000000 } }), file.path);
    expect(again.accounts).toEqual(file.accounts);
    expect(again.dataVersion).toEqual({ counter: 3, timestamp: 1700000000000 });
    expect(parsePlainAclYaml('', 'empty.yml').accounts).toEqual([]);
  });

  it('refuses short keys, bad resource items and bad patterns, naming the file', () => {
    const account = (extra: string) => `accounts:\n  - accessKey: longEnoughKey\n    secretKey: longEnoughSecret\n${extra}`;
    expect(() => parsePlainAclYaml('accounts:\n  - accessKey: short\n    secretKey: 12345678\n', 'a.yml')).toThrow(
      'a.yml: The accessKey=short cannot be null and length should longer than 6',
    );
    expect(() => parsePlainAclYaml('accounts:\n  - accessKey: longEnoughKey\n    secretKey: 123456\n', 'b.yml')).toThrow(/b\.yml: The secretKey=123456/);
    expect(() => parsePlainAclYaml(account('    topicPerms:\n      - topicA\n'), 'c.yml')).toThrow('c.yml: Parse resource permission failed for topicA');
    expect(() => parsePlainAclYaml(account('    whiteRemoteAddress: 10.0.0\n'), 'd.yml')).toThrow(/d\.yml: .*netaddress/);
    expect(() => parsePlainAclYaml('accounts: [unclosed', 'e.yml')).toThrow(/e\.yml: not valid YAML/);
  });
});
