import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMqadmin } from '../../broker-core/cli/mqadmin';
import { toolsCredentials } from '../../broker-core/cli/mqadmin/tools-credentials';
import { startInProcessCluster, type InProcessCluster } from '../broker/broker-fixture';

/**
 * mqadmin against a broker with aclEnable=true: it signs with the account of $ROCKETMQ_HOME/conf/tools.yml, as
 * Apache RocketMQ's mqadmin does, and manages accounts with updateAclConfig, deleteAccessConfig,
 * updateGlobalWhiteAddr and clusterAclConfigVersion (upstream's names, options and messages).
 */
async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runMqadmin(argv, { out: (text) => (out += text), err: (text) => (err += text) }, env);
  return { code, out, err };
}

describe('mqadmin with ACL', () => {
  let cluster: InProcessCluster;
  let brokerHome: string;
  let toolsHome: string;
  let bareHome: string;

  beforeAll(async () => {
    cluster = await startInProcessCluster();
    brokerHome = join(cluster.dir, 'broker-home');
    toolsHome = join(cluster.dir, 'tools-home');
    bareHome = join(cluster.dir, 'bare-home');
    for (const home of [brokerHome, toolsHome, bareHome]) mkdirSync(join(home, 'conf'), { recursive: true });
    writeFileSync(join(brokerHome, 'conf', 'plain_acl.yml'), 'accounts:\n  - accessKey: rocketmq2\n    secretKey: "12345678"\n    admin: true\n');
    // Upstream's tools.yml; an unquoted 12345678 is a YAML number and must still work as the secret.
    writeFileSync(join(toolsHome, 'conf', 'tools.yml'), 'accessKey: rocketmq2\nsecretKey: 12345678\n');
    await cluster.restartBroker({ aclEnable: true, rocketmqHome: brokerHome });
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  const n = () => ['-n', cluster.namesrv.address];
  const b = () => ['-b', cluster.broker.address];

  it('reads the account from tools.yml; without it the broker refuses the admin request', async () => {
    expect(toolsCredentials({ ROCKETMQ_HOME: toolsHome })).toEqual({ accessKey: 'rocketmq2', secretKey: '12345678' });
    expect(toolsCredentials({ ROCKETMQ_HOME: bareHome })).toBeUndefined();

    const refused = await run(['updateTopic', ...n(), ...b(), '-t', 'MqadminAclTopic'], { ROCKETMQ_HOME: bareHome });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('No accessKey is configured');

    const created = await run(['updateTopic', ...n(), ...b(), '-t', 'MqadminAclTopic'], { ROCKETMQ_HOME: toolsHome });
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain(`create topic to ${cluster.broker.address} success.`);
  });

  it('updateAclConfig, clusterAclConfigVersion, updateGlobalWhiteAddr and deleteAccessConfig', async () => {
    const env = { ROCKETMQ_HOME: toolsHome };
    const aclFile = join(brokerHome, 'conf', 'plain_acl.yml');
    const update = await run(
      ['updateAclConfig', ...n(), '-c', 'TestCluster', '-a', 'appUser01', '-s', 'appSecret01', '-i', 'DENY', '-u', 'SUB', '-t', 'orders=PUB|SUB,audit=SUB', '-m', 'false'],
      env,
    );
    expect(update.err).toBe('');
    expect(update.out).toBe(
      `create or update plain access config to ${cluster.broker.address} success.\n` +
        "PlainAccessConfig{accessKey='appUser01', whiteRemoteAddress='null', admin=false, defaultTopicPerm='DENY', defaultGroupPerm='SUB', topicPerms=[orders=PUB|SUB, audit=SUB], groupPerms=null}",
    );
    const written = readFileSync(aclFile, 'utf8');
    expect(written).toContain('appUser01');
    expect(written).toContain('orders=PUB|SUB');

    const versions = await run(['clusterAclConfigVersion', ...n(), '-c', 'TestCluster'], env);
    const lines = versions.out.trimEnd().split('\n');
    expect(lines[0].trim().split(/\s{2,}/)).toEqual(['#Cluster Name', '#Broker Name', '#Broker Addr', '#AclFilePath', '#AclConfigVersionNum', '#AclLastUpdateTime']);
    const row = lines[1].trim().split(/\s+/);
    expect(row.slice(0, 4)).toEqual(['TestCluster', 'broker-a', cluster.broker.address, aclFile]);
    expect(Number(row[4])).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toBe("get cluster's plain access config version success.");

    const white = await run(['updateGlobalWhiteAddr', ...n(), ...b(), '-g', '10.10.103.*,192.168.0.*'], env);
    expect(white.out).toBe(`update global white remote addresses to ${cluster.broker.address} success.\n`);
    expect(readFileSync(aclFile, 'utf8')).toContain('10.10.103.*');

    const bad = await run(['updateAclConfig', ...n(), ...b(), '-a', 'tiny', '-s', 'appSecret01'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/updateAclConfig command failed: .*tiny/);

    const removed = await run(['deleteAccessConfig', ...n(), ...b(), '-a', 'appUser01'], env);
    expect(removed.out).toBe(`delete plain access config account to ${cluster.broker.address} success.\naccount's accesskey is:appUser01`);
    expect(readFileSync(aclFile, 'utf8')).not.toContain('appUser01');
    rmSync(join(bareHome, 'conf'), { recursive: true, force: true });
  });
});
