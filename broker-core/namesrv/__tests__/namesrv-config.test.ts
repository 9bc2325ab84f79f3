import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJavaProperties } from '../../common/java-properties';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { createRequest } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { startFixture, type NamesrvFixture } from './namesrv-fixture';

describe('GET_NAMESRV_CONFIG / UPDATE_NAMESRV_CONFIG', () => {
  let fx: NamesrvFixture;

  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it('returns every key as properties text', async () => {
    const configs = await fx.client.getNamesrvConfig();
    const config = configs[fx.namesrv.address];
    expect(config.listenPort).toBe('0');
    expect(config.kvConfigPath).toBe(join(fx.dir, 'kvConfig.json'));
    expect(config.orderMessageEnable).toBe('false');
    expect(config.configBlackList).toBe('configBlackList;configStorePath;kvConfigPath');
  });

  it('applies known keys at once and rewrites configStorePath', async () => {
    await fx.client.updateNamesrvConfig({ orderMessageEnable: 'true', productEnvName: 'staging' });
    expect(fx.namesrv.config.orderMessageEnable).toBe(true);
    const saved = parseJavaProperties(readFileSync(join(fx.dir, 'namesrv.properties'), 'utf8'));
    expect(saved.get('orderMessageEnable')).toBe('true');
    expect(saved.get('productEnvName')).toBe('staging');
    expect(saved.get('listenPort')).toBe('0');
  });

  it('refuses black-listed keys with NO_PERMISSION and changes nothing', async () => {
    for (const key of ['configStorePath', 'kvConfigPath', 'configBlackList', 'rocketmqHome']) {
      const error = await fx.client
        .updateNamesrvConfig({ [key]: '/tmp/x', orderMessageEnable: 'true' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseCodeError);
      expect((error as ResponseCodeError).code).toBe(ResponseCode.NO_PERMISSION);
    }
    expect(fx.namesrv.config.orderMessageEnable).toBe(false);
  });

  it('refuses an unparsable value naming the key, and ignores unknown keys with a note', async () => {
    const error = await fx.client
      .updateNamesrvConfig({ orderMessageEnable: 'true', scanNotActiveBrokerInterval: 'soon' })
      .catch((e: unknown) => e);
    expect((error as ResponseCodeError).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((error as ResponseCodeError).remark).toContain("'scanNotActiveBrokerInterval'");
    expect(fx.namesrv.config.orderMessageEnable).toBe(false);

    const response = await fx.remoting.invoke(
      fx.namesrv.address,
      createRequest(RequestCode.UPDATE_NAMESRV_CONFIG, { body: Buffer.from('noSuchKey=1\nclusterTest=true\n') }),
    );
    expect(response.code).toBe(ResponseCode.SUCCESS);
    expect(response.remark).toBe('unknown keys ignored: noSuchKey');
    expect(fx.namesrv.config.clusterTest).toBe(true);
  });

  it('can switch GET_ALL_TOPIC_LIST_FROM_NAMESERVER off (5.x enableAllTopicList)', async () => {
    await fx.client.updateNamesrvConfig({ enableAllTopicList: 'false' });
    const error = await fx.client.getAllTopicList().catch((e: unknown) => e);
    expect((error as ResponseCodeError).code).toBe(ResponseCode.SYSTEM_ERROR);
    expect((error as ResponseCodeError).remark).toBe('disable');
  });
});
