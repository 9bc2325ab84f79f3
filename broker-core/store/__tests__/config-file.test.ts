import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../common/fastjson';
import { ConfigFile, ConfigFileError, decodeNumberTable, writeConfigFile } from '../config-file';
import { makeTempDir, removeDir } from './store-test-helpers';

// Fixtures in the shape Java brokers write (fastjson pretty output: tabs, bare integer keys).
const upstreamConsumerOffset = `{
\t"offsetTable":{
\t\t"%RETRY%please_rename_unique_group_name_4@please_rename_unique_group_name_4":{0:0
\t\t},
\t\t"TopicTest@please_rename_unique_group_name_4":{0:250,1:249,2:250,3:251
\t\t}
\t}
}`;

const upstreamDelayOffset = `{
\t"dataVersion":{
\t\t"counter":0,
\t\t"timestamp":1700000000000
\t},
\t"offsetTable":{3:12,18:0
\t}
}`;

const upstreamTopics = `{
\t"dataVersion":{
\t\t"counter":3,
\t\t"timestamp":1700000000123
\t},
\t"topicConfigTable":{
\t\t"TopicTest":{
\t\t\t"order":false,
\t\t\t"perm":6,
\t\t\t"readQueueNums":4,
\t\t\t"topicFilterType":"SINGLE_TAG",
\t\t\t"topicName":"TopicTest",
\t\t\t"topicSysFlag":0,
\t\t\t"writeQueueNums":4
\t\t}
\t}
}`;

type OffsetTable = Map<string, Map<number, number>>;

const consumerOffsetCodec = {
  decode(json: JsonValue): OffsetTable {
    const table: OffsetTable = new Map();
    const offsets = (json as { offsetTable?: Record<string, JsonValue> }).offsetTable ?? {};
    for (const [key, queues] of Object.entries(offsets)) table.set(key, decodeNumberTable(queues));
    return table;
  },
  encode(table: OffsetTable): string {
    const offsetTable = Object.fromEntries([...table].map(([key, queues]) => [key, Object.fromEntries(queues)]));
    return JSON.stringify({ offsetTable }, null, '\t');
  },
  empty: (): OffsetTable => new Map(),
};

describe('JSON config files', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('rmq-config-');
  });
  afterEach(() => removeDir(dir));

  it('reads consumerOffset.json as written by a Java broker (bare integer keys)', () => {
    const path = join(dir, 'config', 'consumerOffset.json');
    fs.mkdirSync(join(dir, 'config'));
    fs.writeFileSync(path, upstreamConsumerOffset);
    const table = new ConfigFile(path, consumerOffsetCodec).load();
    expect(table.get('TopicTest@please_rename_unique_group_name_4')).toEqual(
      new Map([
        [0, 250],
        [1, 249],
        [2, 250],
        [3, 251],
      ]),
    );
    expect(table.get('%RETRY%please_rename_unique_group_name_4@please_rename_unique_group_name_4')?.get(0)).toBe(0);
  });

  it('reads delayOffset.json and topics.json fixtures', () => {
    const delay = join(dir, 'delayOffset.json');
    fs.writeFileSync(delay, upstreamDelayOffset);
    const levels = new ConfigFile(delay, { decode: (json) => decodeNumberTable((json as { offsetTable: JsonValue }).offsetTable), empty: () => new Map<number, number>() }).load();
    expect([...levels]).toEqual([
      [3, 12],
      [18, 0],
    ]);
    const topics = join(dir, 'topics.json');
    fs.writeFileSync(topics, upstreamTopics);
    type Topics = { topicConfigTable: Record<string, { perm: number; writeQueueNums: number }> };
    const loaded = new ConfigFile<Topics>(topics, { decode: (json) => json as unknown as Topics, empty: () => ({ topicConfigTable: {} }) }).load();
    expect(loaded.topicConfigTable.TopicTest).toMatchObject({ perm: 6, writeQueueNums: 4 });
  });

  it('persists through .tmp, keeps the previous version as .bak and round-trips', () => {
    const path = join(dir, 'config', 'consumerOffset.json');
    const file = new ConfigFile(path, consumerOffsetCodec);
    expect(file.load().size).toBe(0); // neither file nor .bak: empty state
    file.persist(new Map([['T@g', new Map([[0, 5]])]]));
    expect(fs.existsSync(`${path}.bak`)).toBe(false);
    file.persist(new Map([['T@g', new Map([[0, 7]])]]));
    expect(fs.existsSync(`${path}.tmp`)).toBe(false);
    expect(file.load().get('T@g')?.get(0)).toBe(7);
    expect(new ConfigFile(`${path}.bak`, consumerOffsetCodec).load().get('T@g')?.get(0)).toBe(5);
  });

  it('falls back to .bak when the file is empty or broken, and fails on a broken .bak', () => {
    const path = join(dir, 'consumerOffset.json');
    writeConfigFile(path, upstreamConsumerOffset);
    writeConfigFile(path, '{"offsetTable":{"T@g":{0:1}}}');
    fs.writeFileSync(path, '{"offsetTable":{"T@g":{0:'); // torn write
    const file = new ConfigFile(path, consumerOffsetCodec);
    expect(file.load().get('TopicTest@please_rename_unique_group_name_4')?.get(3)).toBe(251);
    fs.writeFileSync(path, '');
    expect(file.load().size).toBe(2);
    fs.writeFileSync(`${path}.bak`, 'not json');
    expect(() => file.load()).toThrow(ConfigFileError);
  });
});
