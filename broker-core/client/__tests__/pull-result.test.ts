import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeStoredMessage } from '../../common/message/stored-message-format';
import { buildSubscriptionData } from '../../filter/tag-filter';
import { filterPulledMessages } from '../consumer/pull-api';

const record = (queueOffset: number, body: Buffer, properties: string, sysFlag = 0) =>
  encodeStoredMessage({
    topic: 'T',
    queueId: 0,
    flag: 0,
    body,
    properties,
    sysFlag,
    bornTimestamp: 1_700_000_000_000,
    bornHost: '10.0.0.5:50000',
    storeHost: '10.0.0.1:10911',
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    queueOffset,
    commitLogOffset: queueOffset * 200,
    storeTimestamp: 1_700_000_000_100,
  });

describe('pulled messages on the client', () => {
  const body = Buffer.from('x'.repeat(5000));
  const pulled = Buffer.concat([
    record(0, Buffer.from('a'), 'TAGS\u0001TagA\u0002'),
    record(1, Buffer.from('b'), 'TAGS\u0001TagB\u0002'),
    record(2, deflateSync(body), 'TAGS\u0001TagA\u0002', 1),
    record(3, Buffer.from('none'), 'KEYS\u0001k\u0002'),
  ]);

  it('keeps only the exact subscribed tags, inflates compressed bodies and stamps MIN/MAX_OFFSET', () => {
    const kept = filterPulledMessages(pulled, buildSubscriptionData('T', 'TagA'), { minOffset: 0, maxOffset: 4 });
    expect(kept.map((message) => message.queueOffset)).toEqual([0, 2]);
    expect(kept[1].body.equals(body)).toBe(true);
    expect(kept[1].sysFlag & 1).toBe(0);
    expect(kept[0].properties.get('MIN_OFFSET')).toBe('0');
    expect(kept[0].properties.get('MAX_OFFSET')).toBe('4');
    expect(kept[0].msgId).toBe('0A00000100002A9F0000000000000000');
  });

  it('a * subscription keeps untagged messages too', () => {
    expect(filterPulledMessages(pulled, buildSubscriptionData('T', '*'), { minOffset: 0, maxOffset: 4 })).toHaveLength(4);
  });
});
