import { deflateSync, inflateSync } from 'node:zlib';
import { parseFastjson, stringifyFastjson } from '../../common/fastjson';
import { dataVersionToJson, decodeDataVersion, type DataVersion } from './data-version';
import { asStringArray, BodyDecodeError } from './json-fields';
import { decodeTopicConfigText, encodeTopicConfigText, type TopicConfig } from './topic-config';

/**
 * The "compressed" REGISTER_BROKER body (header `compressed=true`; Java `RegisterBrokerBody.encode(true)`): one zlib
 * stream (RFC 1950, Java's DeflaterOutputStream) whose inflated bytes are, all integers big-endian int32:
 *
 *   +-----+----------------------+-------+------------------------------------------+-----+-----------------------+
 *   | len | DataVersion JSON     | count | count x ( len | TopicConfig text form )  | len | filterServerList JSON |
 *   +-----+----------------------+-------+------------------------------------------+-----+-----------------------+
 *   5.x then appends: int32 n, n x (len | TopicQueueMappingInfo JSON) — ignored here.
 *
 * The topic text form (topic-config.ts) loses topicSysFlag and order. Inflation is capped so that a small hostile body
 * cannot expand into gigabytes.
 */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

export interface CompressedRegisterContent {
  dataVersion: DataVersion;
  topicConfigs: TopicConfig[];
  filterServerList: string[];
}

export function encodeCompressedRegisterBody(content: CompressedRegisterContent): Buffer {
  const parts: Buffer[] = [];
  const pushBlock = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(int32(bytes.length), bytes);
  };
  pushBlock(stringifyFastjson(dataVersionToJson(content.dataVersion)));
  parts.push(int32(content.topicConfigs.length));
  for (const config of content.topicConfigs) pushBlock(encodeTopicConfigText(config));
  pushBlock(JSON.stringify(content.filterServerList));
  return deflateSync(Buffer.concat(parts), { level: 9 });
}

export function decodeCompressedRegisterBody(body: Buffer): CompressedRegisterContent {
  let data: Buffer;
  try {
    data = inflateSync(body, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    throw new BodyDecodeError(`compressed RegisterBrokerBody: ${(error as Error).message}`);
  }
  const reader = new BlockReader(data);
  const dataVersion = decodeDataVersion(parseJson(reader.block('DataVersion'), 'DataVersion'));
  const count = reader.int32('topic count');
  if (count < 0) throw new BodyDecodeError(`compressed RegisterBrokerBody: negative topic count ${count}`);
  const topicConfigs: TopicConfig[] = [];
  for (let i = 0; i < count; i++) topicConfigs.push(decodeTopicConfigText(reader.block(`topic config ${i}`)));
  const filterServerList = asStringArray(
    parseJson(reader.block('filterServerList'), 'filterServerList'),
    'filterServerList',
  );
  return { dataVersion, topicConfigs, filterServerList };
}

function int32(value: number): Buffer {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeInt32BE(value, 0);
  return buffer;
}

function parseJson(text: string, what: string) {
  try {
    return parseFastjson(text);
  } catch (error) {
    throw new BodyDecodeError(`compressed RegisterBrokerBody ${what}: ${(error as Error).message}`);
  }
}

class BlockReader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}

  int32(what: string): number {
    if (this.offset + 4 > this.data.length)
      throw new BodyDecodeError(`compressed RegisterBrokerBody ends before the ${what}`);
    const value = this.data.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  block(what: string): string {
    const length = this.int32(`length of the ${what}`);
    if (length < 0 || this.offset + length > this.data.length) {
      throw new BodyDecodeError(`compressed RegisterBrokerBody: ${what} of ${length} bytes exceeds the data`);
    }
    const text = this.data.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return text;
  }
}
