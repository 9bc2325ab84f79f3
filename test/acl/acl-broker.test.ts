import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../broker-core/acl/acl-signature';
import { MQAdmin } from '../../broker-core/client/admin/mq-admin';
import { createOrUpdateAccessConfig, deleteAccessConfig, getBrokerAclVersion, updateGlobalWhiteAddrs } from '../../broker-core/client/broker-admin';
import { Producer } from '../../broker-core/client/producer/producer';
import { newTopicConfig } from '../../broker-core/protocol/bodies/topic-config';
import { CreateTopicRequestHeader } from '../../broker-core/protocol/headers/admin-topic';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { createRequest, type RemotingCommand } from '../../broker-core/remoting/remoting-command';
import { sendRequest, startInProcessCluster, type InProcessCluster } from '../broker/broker-fixture';
import { FAST_CLIENT, recordingConsumer, uniqueName, waitFor } from '../client/client-fixtures';

/**
 * A broker with aclEnable=true (spec/acl.md) driven over TCP by our client: accounts from conf/plain_acl.yml under
 * the broker's rocketmqHome, signatures, per-topic and per-group permissions, admin-only codes, the management
 * requests (written back to the file) and hand edits of the file picked up without a restart.
 */
const TOPIC = 'AclTopic';
const GROUP = 'AclGroup';
const PRODUCER = { accessKey: 'producerKey', secretKey: 'producerSecret' };
const CONSUMER = { accessKey: 'consumerKey', secretKey: 'consumerSecret' };
const ADMIN = { accessKey: 'adminKey01', secretKey: 'adminSecret01' };

const ACL_YAML = `globalWhiteRemoteAddresses:
accounts:
  - accessKey: ${PRODUCER.accessKey}
    secretKey: ${PRODUCER.secretKey}
    admin: false
    defaultTopicPerm: DENY
    defaultGroupPerm: SUB
    topicPerms:
      - ${TOPIC}=PUB
  - accessKey: ${CONSUMER.accessKey}
    secretKey: ${CONSUMER.secretKey}
    admin: false
    defaultTopicPerm: DENY
    defaultGroupPerm: DENY
    topicPerms:
      - ${TOPIC}=SUB
    groupPerms:
      - ${GROUP}=SUB
  - accessKey: ${ADMIN.accessKey}
    secretKey: ${ADMIN.secretKey}
    admin: true
`;

const ACL_EXCEPTION = 'org.apache.rocketmq.acl.common.AclException: ';

describe('a broker with aclEnable=true', () => {
  let cluster: InProcessCluster;
  let home: string;
  let aclFile: string;
  let admin: MQAdmin;

  beforeAll(async () => {
    cluster = await startInProcessCluster();
    // The ACL home lives in the cluster's directory, which exists once the cluster has started.
    home = join(cluster.dir, 'home');
    aclFile = join(home, 'conf', 'plain_acl.yml');
    mkdirSync(join(home, 'conf'), { recursive: true });
    writeFileSync(aclFile, ACL_YAML);
    await cluster.restartBroker({ aclEnable: true, rocketmqHome: home });
    admin = new MQAdmin({ namesrvAddr: cluster.namesrv.address, ...ADMIN });
    await admin.createOrUpdateTopic({ ...newTopicConfig(TOPIC), readQueueNums: 2, writeQueueNums: 2 }, { brokerAddr: cluster.broker.address });
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await cluster?.close();
  });

  const invoke = (request: RemotingCommand) => cluster.client.invoke(cluster.broker.address, request);
  const send = (body: string, credentials?: { accessKey: string; secretKey: string }, topic = TOPIC) => {
    const request = sendRequest(topic, body);
    if (credentials) signRequest(request, credentials);
    return invoke(request);
  };

  it('a signed send with PUB on the topic is stored; a consumer with SUB on topic and group receives it all', async () => {
    const producer = new Producer({ ...FAST_CLIENT, namesrvAddr: cluster.namesrv.address, group: uniqueName('AclProducer'), ...PRODUCER });
    await producer.start();
    const consumer = await recordingConsumer({ namesrvAddr: cluster.namesrv.address, group: GROUP, topic: TOPIC, ...CONSUMER });
    try {
      for (let i = 0; i < 20; i++) expect((await producer.send({ topic: TOPIC, body: `acl-${i}` })).sendStatus).toBe('SEND_OK');
      await waitFor(() => new Set(consumer.bodies()).size === 20, '20 messages consumed under ACL');
      expect(new Set(consumer.bodies())).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `acl-${i}`)));
    } finally {
      await consumer.consumer.shutdown();
      await producer.shutdown();
    }
  }, 60_000);

  it('refuses an unsigned request, an unknown key and a wrong secret with the AclException as remark', async () => {
    const unsigned = await send('x');
    expect(unsigned.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(unsigned.remark).toBe(`${ACL_EXCEPTION}No accessKey is configured`);

    const unknown = await send('x', { accessKey: 'strangerKey', secretKey: 'whatever1' });
    expect(unknown.remark).toBe(`${ACL_EXCEPTION}No acl config for strangerKey`);

    const forged = await send('x', { accessKey: PRODUCER.accessKey, secretKey: 'notTheSecret' });
    expect(forged.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(forged.remark).toBe(`${ACL_EXCEPTION}Check signature failed for accessKey=${PRODUCER.accessKey}`);

    // A signed request whose header is changed afterwards (a proxy rewriting a field) no longer verifies.
    const tampered = sendRequest(TOPIC, 'x');
    signRequest(tampered, PRODUCER);
    tampered.extFields = { ...tampered.extFields, e: '1' };
    expect((await invoke(tampered)).remark).toContain('Check signature failed');
    // So does one whose body is changed.
    const rebodied = sendRequest(TOPIC, 'x');
    signRequest(rebodied, PRODUCER);
    rebodied.body = Buffer.from('y');
    expect((await invoke(rebodied)).remark).toContain('Check signature failed');
  });

  it('checks the permission of the account on the topic, and admin-only request codes', async () => {
    const consumerSends = await send('x', CONSUMER);
    expect(consumerSends.code).toBe(ResponseCode.SYSTEM_ERROR);
    expect(consumerSends.remark).toMatch(/^org\.apache\.rocketmq\.acl\.common\.AclException: No default permission for AclTopic/);
    const otherTopic = await send('x', PRODUCER, 'SomeOtherTopic');
    expect(otherTopic.remark).toMatch(/No default permission for SomeOtherTopic/);

    const extFields = CreateTopicRequestHeader.encode({
      topic: 'MadeByProducer',
      defaultTopic: 'TBW102',
      readQueueNums: 1,
      writeQueueNums: 1,
      perm: 6,
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: 0,
      order: false,
    });
    const create = createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields });
    signRequest(create, PRODUCER);
    const refused = await invoke(create);
    expect(refused.remark).toBe(`${ACL_EXCEPTION}Need admin permission for request code=17, but accessKey=${PRODUCER.accessKey} is not`);
    const asAdmin = createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields });
    signRequest(asAdmin, ADMIN);
    expect((await invoke(asAdmin)).code).toBe(ResponseCode.SUCCESS);
  });

  it('accounts and global white addresses changed over the wire are written to plain_acl.yml and apply at once', async () => {
    const remoting = admin.remoting;
    const addr = cluster.broker.address;
    const before = await getBrokerAclVersion(remoting, addr);
    await createOrUpdateAccessConfig(remoting, addr, { accessKey: 'newcomer01', secretKey: 'newcomerSecret', topicPerms: [`${TOPIC}=PUB`] });
    expect(readFileSync(aclFile, 'utf8')).toContain('newcomer01');
    expect((await send('n', { accessKey: 'newcomer01', secretKey: 'newcomerSecret' })).code).toBe(ResponseCode.SUCCESS);
    const after = await getBrokerAclVersion(remoting, addr);
    expect(after.version?.counter).toBeGreaterThan(before.version?.counter ?? 0);
    expect(Object.keys(after.allAclFileVersion)).toContain(aclFile);

    await deleteAccessConfig(remoting, addr, 'newcomer01');
    expect(readFileSync(aclFile, 'utf8')).not.toContain('newcomer01');
    expect((await send('n', { accessKey: 'newcomer01', secretKey: 'newcomerSecret' })).remark).toBe(`${ACL_EXCEPTION}No acl config for newcomer01`);
    await expect(deleteAccessConfig(remoting, addr, 'newcomer01')).rejects.toMatchObject({ code: 210 });

    // A key of 6 characters or less is refused (upstream's rule), nothing is written.
    await expect(createOrUpdateAccessConfig(remoting, addr, { accessKey: 'short', secretKey: 'longEnough1' })).rejects.toMatchObject({ code: 209 });
    expect(readFileSync(aclFile, 'utf8')).not.toContain('short');

    await updateGlobalWhiteAddrs(remoting, addr, ['127.0.0.*']);
    expect((await send('unsigned but white-listed')).code).toBe(ResponseCode.SUCCESS);
    await updateGlobalWhiteAddrs(remoting, addr, []);
    expect((await send('x')).remark).toBe(`${ACL_EXCEPTION}No accessKey is configured`);
  });

  it('a hand edit of plain_acl.yml is picked up without a restart; a broken edit keeps the last good accounts', async () => {
    writeFileSync(aclFile, ACL_YAML.replace(`${TOPIC}=SUB\n    groupPerms`, `${TOPIC}=PUB|SUB\n    groupPerms`));
    await waitFor(async () => (await send('c', CONSUMER)).code === ResponseCode.SUCCESS, 'the consumer key gaining PUB', 10_000);

    writeFileSync(aclFile, `${ACL_YAML}\n  - this is: [not valid`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await send('c', CONSUMER)).code).toBe(ResponseCode.SUCCESS);
    expect((await send('p', PRODUCER)).code).toBe(ResponseCode.SUCCESS);

    writeFileSync(aclFile, ACL_YAML);
    await waitFor(async () => (await send('c', CONSUMER)).code === ResponseCode.SYSTEM_ERROR, 'the consumer key losing PUB again', 10_000);
  }, 30_000);
});
