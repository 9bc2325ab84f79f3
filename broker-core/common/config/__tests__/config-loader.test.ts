import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyConfigSource, ConfigError, formatConfig, loadConfig } from '../config-loader';
import { configDefaults, configKey, defineConfigSchema } from '../config-schema';

const schema = defineConfigSchema({
  listenPort: configKey.int(10911, { min: 0, max: 65535 }),
  brokerRole: configKey.enum(['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'], 'ASYNC_MASTER'),
  mappedFileSizeCommitLog: configKey.long(1073741824, { aliases: ['mapedFileSizeCommitLog'] }),
  autoCreateTopicEnable: configKey.boolean(true),
  diskMaxUsedSpaceRatio: configKey.double(75),
  brokerName: configKey.string('broker-a'),
});

const dir = mkdtempSync(join(tmpdir(), 'config-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('config loader', () => {
  it('starts from the schema defaults with the declared types', () => {
    const loaded = loadConfig(schema);
    expect(loaded.values).toEqual(configDefaults(schema));
    expect(loaded.warnings).toEqual([]);
    const role: 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE' = loaded.values.brokerRole; // typed as the enum's union
    expect(role).toBe('ASYNC_MASTER');
  });

  it('applies the file, then command-line overrides, recording where each value came from', () => {
    const path = file(
      'broker.properties',
      '# comment\nlistenPort = 10921\nbrokerRole=SLAVE\nautoCreateTopicEnable=FALSE\ndiskMaxUsedSpaceRatio=88.5\nbrokerName=broker-b\n',
    );
    const loaded = loadConfig(schema, { file: path, overrides: [['listenPort', '10931']] });
    expect(loaded.values).toMatchObject({
      listenPort: 10931,
      brokerRole: 'SLAVE',
      autoCreateTopicEnable: false,
      diskMaxUsedSpaceRatio: 88.5,
      brokerName: 'broker-b',
    });
    expect(loaded.origins).toEqual({
      listenPort: 'command line',
      brokerRole: path,
      autoCreateTopicEnable: path,
      diskMaxUsedSpaceRatio: path,
      brokerName: path,
    });
  });

  it('accepts aliases (upstream renamed keys)', () => {
    const loaded = loadConfig(schema, { overrides: [['mapedFileSizeCommitLog', '1048576']] });
    expect(loaded.values.mappedFileSizeCommitLog).toBe(1048576);
  });

  it('warns about unknown keys, with a suggestion when one is close', () => {
    const path = file('typo.properties', 'listenPrt=1\ntotallyUnknown=2\nLISTENPORT=3\n');
    const loaded = loadConfig(schema, { file: path });
    expect(loaded.warnings).toEqual([
      `${path}: unknown key 'listenPrt' ignored (did you mean 'listenPort'?)`,
      `${path}: unknown key 'totallyUnknown' ignored`,
      `${path}: unknown key 'LISTENPORT' ignored (did you mean 'listenPort'?)`,
    ]);
    expect(loaded.values.listenPort).toBe(10911);
  });

  it('trims trailing whitespace of a value with a warning instead of ignoring the key as upstream does', () => {
    const path = file('trailing.properties', 'listenPort=10950   \nbrokerName=b1\t\n');
    const loaded = loadConfig(schema, { file: path });
    expect(loaded.values.listenPort).toBe(10950);
    expect(loaded.values.brokerName).toBe('b1');
    expect(loaded.warnings).toEqual([
      `${path}: trailing whitespace removed from the value of 'listenPort'`,
      `${path}: trailing whitespace removed from the value of 'brokerName'`,
    ]);
  });

  it.each([
    ['listenPort=abc', /invalid value for 'listenPort': 'abc' is not an integer/],
    ['listenPort=70000', /'listenPort': '70000' is above the maximum 65535/],
    ['listenPort=10911.0', /'listenPort'.*not an integer/],
    ['listenPort=', /'listenPort'.*not an integer/],
    ['brokerRole=MASTER', /'brokerRole': 'MASTER' is not one of ASYNC_MASTER, SYNC_MASTER, SLAVE/],
    ['autoCreateTopicEnable=yes', /'autoCreateTopicEnable': 'yes' is not a boolean/],
    ['diskMaxUsedSpaceRatio=lots', /'diskMaxUsedSpaceRatio': 'lots' is not a number/],
    ['mappedFileSizeCommitLog=99999999999999999999', /out of the long range/],
  ])('refuses %s naming the key and the file', (line, message) => {
    const path = file('bad.properties', `${line}\n`);
    let error: unknown;
    try {
      loadConfig(schema, { file: path });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message).toContain(path);
    expect((error as ConfigError).key).toBe(line.split('=')[0]);
  });

  it('reports an unreadable file with its path', () => {
    expect(() => loadConfig(schema, { file: join(dir, 'missing.properties') })).toThrow(
      /cannot read config file .*missing\.properties/,
    );
  });

  it('applies a source all-or-nothing', () => {
    const values = configDefaults(schema);
    expect(() =>
      applyConfigSource(
        schema,
        values,
        {
          name: 'update',
          entries: [
            ['brokerName', 'changed'],
            ['listenPort', 'x'],
          ],
        },
        [],
      ),
    ).toThrow(ConfigError);
    expect(values.brokerName).toBe('broker-a');
  });

  it('formats every key as properties text, doubles with a fraction', () => {
    expect(formatConfig(schema, configDefaults(schema))).toBe(
      'listenPort=10911\nbrokerRole=ASYNC_MASTER\nmappedFileSizeCommitLog=1073741824\nautoCreateTopicEnable=true\ndiskMaxUsedSpaceRatio=75.0\nbrokerName=broker-a\n',
    );
  });
});
