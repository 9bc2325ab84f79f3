import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../cli-args';

describe('parseCliArgs', () => {
  it('reads -c, -n, -p, -h and bare key=value pairs in order', () => {
    expect(
      parseCliArgs(['-c', 'broker.conf', '-n', 'a:9876;b:9876', 'listenPort=10921', 'brokerName=b=1', '-p']),
    ).toEqual({
      configFile: 'broker.conf',
      namesrvAddr: 'a:9876;b:9876',
      printConfig: true,
      printImportantConfig: false,
      help: false,
      overrides: [
        ['listenPort', '10921'],
        ['brokerName', 'b=1'],
      ],
    });
  });

  it('accepts the long option names and the -c=file form', () => {
    const args = parseCliArgs([
      '--configFile=ns.properties',
      '--printConfigItem',
      '--help',
      '-m',
      '--namesrvAddr',
      'x:1',
    ]);
    expect(args).toMatchObject({
      configFile: 'ns.properties',
      printConfig: true,
      help: true,
      printImportantConfig: true,
      namesrvAddr: 'x:1',
    });
    expect(parseCliArgs(['-c=f']).configFile).toBe('f');
  });

  it('keeps empty override values (a key set to the empty string)', () => {
    expect(parseCliArgs(['rocketmqHome=']).overrides).toEqual([['rocketmqHome', '']]);
  });

  it.each([
    [['-c'], /option -c needs a value/],
    [['-x'], /unknown option -x/],
    [['listenPort'], /unexpected argument 'listenPort'/],
    [['=9876'], /unexpected argument '=9876'/],
    [['listen port=1'], /'listen port' is not a config key name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
