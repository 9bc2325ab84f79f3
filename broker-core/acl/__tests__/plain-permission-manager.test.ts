import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RequestCode } from '../../protocol/request-code';
import { createRequest, type RemotingCommand } from '../../remoting/remoting-command';
import { signRequest } from '../acl-signature';
import { AclException, PlainPermissionManager } from '../plain-permission-manager';

// validate() step by step (spec/acl.md §3) and the files it reads, with temporary ACL homes.
describe('PlainPermissionManager', () => {
  let home: string;
  const managers: PlainPermissionManager[] = [];

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'acl-home-'));
    mkdirSync(join(home, 'conf', 'acl', 'team'), { recursive: true });
  });

  afterEach(() => {
    for (const manager of managers.splice(0)) manager.stopWatching();
    rmSync(home, { recursive: true, force: true });
  });

  async function manager(yaml: string): Promise<PlainPermissionManager> {
    writeFileSync(join(home, 'conf', 'plain_acl.yml'), yaml);
    const created = new PlainPermissionManager({ rocketmqHome: home, watchIntervalMs: 20 });
    managers.push(created);
    await created.load();
    return created;
  }

  const signed = (request: RemotingCommand, accessKey: string, secretKey: string) => {
    signRequest(request, { accessKey, secretKey });
    return request;
  };
  const send = (topic: string) => createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: { a: 'PG', b: topic } });
  const refusal = (run: () => void): string => {
    try {
      run();
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(AclException);
      return (error as Error).message;
    }
  };

  const YAML = `globalWhiteRemoteAddresses:
  - 10.9.9.*
accounts:
  - accessKey: appUser01
    secretKey: appSecret01
    whiteRemoteAddress: 10.1.1.1
    defaultTopicPerm: SUB
    topicPerms:
      - Orders=PUB
  - accessKey: adminWithPerms
    secretKey: adminSecret01
    admin: true
    topicPerms:
      - Orders=SUB
`;

  it('white lists skip the checks; signature, trace topic, admin and explicit perms are checked in order', async () => {
    const acl = await manager(YAML);
    expect(refusal(() => acl.validate(send('Anything'), '10.9.9.200:5000'))).toBe('accepted');
    expect(refusal(() => acl.validate(send('Anything'), '[::ffff:10.9.9.1]:5000'.replace(/[[\]]/g, '')))).toBe('accepted');
    expect(refusal(() => acl.validate(send('Anything'), '10.9.8.1:5000'))).toBe('No accessKey is configured');
    // The account's white address skips its signature and permissions.
    const unsignedKeyOnly = send('Payments');
    unsignedKeyOnly.extFields = { ...unsignedKeyOnly.extFields, AccessKey: 'appUser01' };
    expect(refusal(() => acl.validate(unsignedKeyOnly, '10.1.1.1:5000'))).toBe('accepted');
    expect(refusal(() => acl.validate(unsignedKeyOnly, '10.1.1.2:5000'))).toBe('Check signature failed for accessKey=appUser01');

    expect(refusal(() => acl.validate(signed(send('Orders'), 'appUser01', 'appSecret01'), '10.2.2.2:1'))).toBe('accepted');
    expect(refusal(() => acl.validate(signed(send('Payments'), 'appUser01', 'appSecret01'), '10.2.2.2:1'))).toBe('No default permission for Payments');
    // Traces may always be written.
    expect(refusal(() => acl.validate(signed(send('RMQ_SYS_TRACE_TOPIC'), 'appUser01', 'appSecret01'), '10.2.2.2:1'))).toBe('accepted');
    // Pull: SUB on the topic (default SUB) and on the group (no defaultGroupPerm: DENY).
    const pull = createRequest(RequestCode.PULL_MESSAGE, { extFields: { topic: 'Payments', consumerGroup: 'Billing', queueId: 0 } });
    expect(refusal(() => acl.validate(signed(pull, 'appUser01', 'appSecret01'), '10.2.2.2:1'))).toBe('No default permission for %RETRY%Billing');
    const deleteTopic = createRequest(RequestCode.DELETE_TOPIC_IN_BROKER, { extFields: { topic: 'Orders' } });
    expect(refusal(() => acl.validate(signed(deleteTopic, 'appUser01', 'appSecret01'), '10.2.2.2:1'))).toBe(
      'Need admin permission for request code=215, but accessKey=appUser01 is not',
    );
    // An admin that lists perms is checked like anyone else (admin only unlocks admin-only codes).
    const adminDelete = createRequest(RequestCode.DELETE_TOPIC_IN_BROKER, { extFields: { topic: 'Orders' } });
    expect(refusal(() => acl.validate(signed(adminDelete, 'adminWithPerms', 'adminSecret01'), '10.2.2.2:1'))).toBe('accepted');
    expect(refusal(() => acl.validate(signed(send('Orders'), 'adminWithPerms', 'adminSecret01'), '10.2.2.2:1'))).toBe('No default permission for Orders');
  });

  it('_UNIQUE_KEY_QUERY is left out of the signature of clients up to V4_9_3 only', async () => {
    const acl = await manager(YAML);
    const query = (version: number) => {
      const request = createRequest(RequestCode.QUERY_MESSAGE, { extFields: { topic: 'Payments', key: 'k', maxNum: 32, beginTimestamp: 0, endTimestamp: 1 } });
      request.version = version;
      signRequest(request, { accessKey: 'appUser01', secretKey: 'appSecret01' });
      request.extFields = { ...request.extFields, _UNIQUE_KEY_QUERY: 'true' }; // added after signing, as old clients did
      return request;
    };
    expect(refusal(() => acl.validate(query(399), '10.2.2.2:1'))).toBe('accepted');
    expect(refusal(() => acl.validate(query(400), '10.2.2.2:1'))).toBe('Check signature failed for accessKey=appUser01');
  });

  it('reads conf/acl/**.yml too, refuses a key defined twice, and reloads on change keeping the last good files', async () => {
    writeFileSync(join(home, 'conf', 'acl', 'team', 'team.yaml'), 'accounts:\n  - accessKey: teamUser01\n    secretKey: teamSecret01\n    defaultTopicPerm: PUB\n');
    const acl = await manager(YAML);
    expect(acl.snapshot().plainAccessConfigs.map((account) => account.accessKey)).toEqual(['appUser01', 'adminWithPerms', 'teamUser01']);
    expect(Object.keys(acl.aclVersion().allAclFileVersion)).toEqual([join(home, 'conf', 'plain_acl.yml'), join(home, 'conf', 'acl', 'team', 'team.yaml')]);

    writeFileSync(join(home, 'conf', 'acl', 'dup.yml'), 'accounts:\n  - accessKey: appUser01\n    secretKey: otherSecret\n');
    await expect(new PlainPermissionManager({ rocketmqHome: home }).load()).rejects.toThrow(/appUser01 is defined in both/);

    acl.startWatching();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(acl.snapshot().plainAccessConfigs).toHaveLength(3); // the duplicate made the reload fail: old accounts stay
    rmSync(join(home, 'conf', 'acl', 'dup.yml'));
    writeFileSync(join(home, 'conf', 'acl', 'team', 'team.yaml'), 'accounts:\n  - accessKey: teamUser02\n    secretKey: teamSecret02\n');
    const deadline = Date.now() + 5000;
    while (!acl.snapshot().plainAccessConfigs.some((account) => account.accessKey === 'teamUser02') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(acl.snapshot().plainAccessConfigs.map((account) => account.accessKey)).toEqual(['appUser01', 'adminWithPerms', 'teamUser02']);
  });

  it('management writes the file holding the account and bumps its version; a bad update changes nothing', async () => {
    writeFileSync(join(home, 'conf', 'acl', 'team', 'team.yaml'), 'accounts:\n  - accessKey: teamUser01\n    secretKey: teamSecret01\n');
    const acl = await manager(YAML);
    const teamFile = join(home, 'conf', 'acl', 'team', 'team.yaml');
    await acl.updateAccount({ accessKey: 'teamUser01', secretKey: 'newSecret01', admin: false, topicPerms: ['Orders=PUB'], groupPerms: [] });
    expect(acl.aclVersion().allAclFileVersion[teamFile].counter).toBe(1);
    expect(acl.aclVersion().version.counter).toBe(0);
    expect(refusal(() => acl.validate(signed(send('Orders'), 'teamUser01', 'newSecret01'), '10.2.2.2:1'))).toBe('accepted');
    await expect(acl.updateAccount({ accessKey: 'teamUser01', secretKey: 'x', admin: false, topicPerms: [], groupPerms: [] })).rejects.toThrow(/secretKey/);
    await expect(acl.updateGlobalWhiteAddresses(['10.0.0.1'], '/etc/passwd')).rejects.toThrow(/not an ACL file/);
    await expect(acl.updateGlobalWhiteAddresses(['not-an-ip'])).rejects.toThrow(/netaddress/);
    expect(acl.aclVersion().allAclFileVersion[teamFile].counter).toBe(1);
    await acl.deleteAccount('teamUser01');
    await expect(acl.deleteAccount('teamUser01')).rejects.toThrow(/does not exist/);
    expect(acl.snapshot().plainAccessConfigs.map((account) => account.accessKey)).toEqual(['appUser01', 'adminWithPerms']);
  });
});
