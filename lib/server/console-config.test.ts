import { describe, expect, it } from 'vitest';
import { ConsoleConfigError, readConsoleConfig } from './console-config';

describe('readConsoleConfig', () => {
  it('defaults to an embedded nameserver on 0.0.0.0:9876 with its files beside the store', () => {
    const config = readConsoleConfig({}, '/srv/console');
    expect(config).toEqual({
      embedded: { listenHost: '0.0.0.0', namesrvPort: 9876, brokerPort: 10911, storeDir: '/srv/console/.data/store', namesrvDir: '/srv/console/.data/namesrv' },
      externalNamesrvAddrs: undefined,
      clustersFile: '/srv/console/.data/console/clusters.json',
    });
  });

  it('reads port, host, store dir and the external nameserver list', () => {
    const config = readConsoleConfig(
      { RMQ_EMBEDDED: '1', RMQ_NAMESRV_PORT: '19876', RMQ_BROKER_PORT: '20911', RMQ_LISTEN_HOST: '127.0.0.1', RMQ_STORE_DIR: '/tmp/x/store', NAMESRV_ADDR: '10.0.0.1:9876; 10.0.0.2:9876;' },
      '/ignored',
    );
    expect(config.embedded).toEqual({ listenHost: '127.0.0.1', namesrvPort: 19876, brokerPort: 20911, storeDir: '/tmp/x/store', namesrvDir: '/tmp/x/namesrv' });
    expect(config.externalNamesrvAddrs).toEqual(['10.0.0.1:9876', '10.0.0.2:9876']);
  });

  it('manages only the NAMESRV_ADDR cluster when it is set, unless RMQ_EMBEDDED=1 asks for both', () => {
    expect(readConsoleConfig({ NAMESRV_ADDR: '10.0.0.1:9876' }).embedded).toBeUndefined();
    expect(readConsoleConfig({ NAMESRV_ADDR: '10.0.0.1:9876', RMQ_EMBEDDED: '1' }).embedded?.namesrvPort).toBe(9876);
    expect(readConsoleConfig({}).embedded?.namesrvPort).toBe(9876);
  });

  it('turns the embedded servers off with RMQ_EMBEDDED=0 or false, and treats blank variables as unset', () => {
    expect(readConsoleConfig({ RMQ_EMBEDDED: '0' }).embedded).toBeUndefined();
    expect(readConsoleConfig({ RMQ_EMBEDDED: 'false' }).embedded).toBeUndefined();
    expect(readConsoleConfig({ RMQ_EMBEDDED: '1', RMQ_NAMESRV_PORT: '' }).embedded?.namesrvPort).toBe(9876);
    expect(readConsoleConfig({ NAMESRV_ADDR: '  ' }).externalNamesrvAddrs).toBeUndefined();
  });

  it('reads the ACL account the console signs with; half a pair is refused', () => {
    expect(readConsoleConfig({ RMQ_ACCESS_KEY: ' rocketmq2 ', RMQ_SECRET_KEY: '12345678' }).credentials).toEqual({ accessKey: 'rocketmq2', secretKey: '12345678' });
    expect(readConsoleConfig({}).credentials).toBeUndefined();
    expect(() => readConsoleConfig({ RMQ_ACCESS_KEY: 'rocketmq2' })).toThrow(/^RMQ_SECRET_KEY must be set with RMQ_ACCESS_KEY/);
    expect(() => readConsoleConfig({ RMQ_SECRET_KEY: '12345678', RMQ_ACCESS_KEY: ' ' })).toThrow(/^RMQ_ACCESS_KEY must be set/);
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => readConsoleConfig({ RMQ_NAMESRV_PORT: '98760' })).toThrow(/^RMQ_NAMESRV_PORT='98760' must be a port number/);
    expect(() => readConsoleConfig({ RMQ_NAMESRV_PORT: 'abc' })).toThrow(ConsoleConfigError);
    expect(() => readConsoleConfig({ RMQ_EMBEDDED: 'yes' })).toThrow(/^RMQ_EMBEDDED='yes' must be 0 or 1/);
    expect(() => readConsoleConfig({ NAMESRV_ADDR: 'localhost' })).toThrow(/^NAMESRV_ADDR: invalid nameserver address 'localhost'.*missing :port/);
  });
});
