import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { createRequest } from '../../remoting/remoting-command';
import { startNamesrv } from '../index';
import { brokerRegistration, startFixture, tempDir, type NamesrvFixture } from './namesrv-fixture';

describe('nameserver KV config', () => {
  const fixtures: NamesrvFixture[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    await Promise.all(fixtures.splice(0).map((fx) => fx.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function fixture(dir?: string, options: Parameters<typeof startFixture>[0] = {}): Promise<NamesrvFixture> {
    const fx = await startFixture(options, dir);
    fixtures.push(fx);
    return fx;
  }

  it('puts, gets, lists and deletes entries; missing ones are QUERY_NOT_FOUND with upstream remarks', async () => {
    const fx = await fixture();
    await fx.client.putKvConfig('ns1', 'k1', 'v1');
    await fx.client.putKvConfig('ns1', 'k2', 'v2');
    expect(await fx.client.getKvConfig('ns1', 'k1')).toBe('v1');
    expect(await fx.client.getKvListByNamespace('ns1')).toEqual({ k1: 'v1', k2: 'v2' });
    await fx.client.deleteKvConfig('ns1', 'k1');
    expect(await fx.client.getKvConfig('ns1', 'k1')).toBeUndefined();
    expect(await fx.client.getKvListByNamespace('nope')).toBeUndefined();

    const get = await fx.remoting.invoke(
      fx.namesrv.address,
      createRequest(RequestCode.GET_KV_CONFIG, { extFields: { namespace: 'ns1', key: 'k1' } }),
    );
    expect(get.code).toBe(ResponseCode.QUERY_NOT_FOUND);
    expect(get.remark).toBe('No config item, Namespace: ns1 Key: k1');
    const list = await fx.remoting.invoke(
      fx.namesrv.address,
      createRequest(RequestCode.GET_KVLIST_BY_NAMESPACE, { extFields: { namespace: 'nope' } }),
    );
    expect(list.code).toBe(ResponseCode.QUERY_NOT_FOUND);
    expect(list.remark).toBe('No config item, Namespace: nope');
  });

  it("persists to kvConfigPath in Java's layout and reloads it after a restart", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await startFixture({}, dir);
    await first.client.putKvConfig('ORDER_TOPIC_CONFIG', 'TopicO', 'broker-a:4');
    await first.client.putKvConfig('ns', 'key', 'value with spaces');
    expect(JSON.parse(readFileSync(join(dir, 'kvConfig.json'), 'utf8'))).toEqual({
      configTable: { ORDER_TOPIC_CONFIG: { TopicO: 'broker-a:4' }, ns: { key: 'value with spaces' } },
    });
    await first.remoting.close();
    await first.namesrv.shutdown();

    const second = await fixture(dir);
    expect(await second.client.getKvConfig('ns', 'key')).toBe('value with spaces');
    expect(await second.client.getKvListByNamespace('ORDER_TOPIC_CONFIG')).toEqual({ TopicO: 'broker-a:4' });
  });

  it('loads a kvConfig.json written by a Java nameserver (pretty printed, hash order)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(
      join(dir, 'kvConfig.json'),
      '{\n\t"configTable":{\n\t\t"zz":{"b":"2","a":"1"},\n\t\t"ORDER_TOPIC_CONFIG":{}\n\t}\n}',
    );
    const fx = await fixture(dir);
    expect(await fx.client.getKvListByNamespace('zz')).toEqual({ a: '1', b: '2' });
    expect(await fx.client.getKvListByNamespace('ORDER_TOPIC_CONFIG')).toEqual({});
  });

  it('refuses to start on a corrupt kvConfig.json instead of overwriting it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(join(dir, 'kvConfig.json'), '{"configTable":{"ns":');
    await expect(
      startNamesrv({ listenPort: 0, host: '127.0.0.1', kvConfigPath: join(dir, 'kvConfig.json') }),
    ).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(join(dir, 'kvConfig.json'), 'utf8')).toBe('{"configTable":{"ns":');
  });

  it('puts ORDER_TOPIC_CONFIG in routes only with orderMessageEnable, and returns it to registering brokers', async () => {
    const fx = await fixture();
    await fx.client.putKvConfig('ORDER_TOPIC_CONFIG', 'TopicA', 'broker-a:4');
    const registered = await fx.client.registerBroker(fx.namesrv.address, brokerRegistration());
    expect(registered.orderTopicConfig).toEqual({ TopicA: 'broker-a:4' });
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.orderTopicConf).toBeUndefined();
    await fx.client.updateNamesrvConfig({ orderMessageEnable: 'true' });
    expect((await fx.client.getTopicRouteInfo('TopicA'))?.orderTopicConf).toBe('broker-a:4');
  });
});
