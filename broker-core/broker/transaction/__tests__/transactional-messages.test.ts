import { describe, expect, it } from 'vitest';
import type { MessageExt } from '../../../common/message/message-ext';
import { decodeStoredMessage } from '../../../common/message/stored-message-decoder';
import { deliveredMessage } from '../../schedule/delayed-delivery';
import { checkMaxTimeMessage, checkRequestBody, committedMessage, opMessage, renewedHalfMessage } from '../transactional-messages';

/** The messages transactions and delays make the broker write (semantics.md §4, §6), built from a stored half message. */
function halfMessage(): MessageExt {
  return {
    storeSize: 0,
    magicCode: 0,
    bodyCRC: 123,
    queueId: 0,
    flag: 7,
    queueOffset: 41,
    commitLogOffset: 9000,
    sysFlag: 0x1,
    bornTimestamp: 1_700_000_000_000,
    bornHost: '10.0.0.1:5000',
    storeTimestamp: 1_700_000_000_050,
    storeHost: '10.0.0.2:10911',
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    body: Buffer.from('payload'),
    topic: 'RMQ_SYS_TRANS_HALF_TOPIC',
    properties: new Map([
      ['TRAN_MSG', 'true'],
      ['PGROUP', 'PG'],
      ['REAL_TOPIC', 'Orders'],
      ['REAL_QID', '3'],
      ['UNIQ_KEY', 'AC11000100002A9F0000000000000001'],
      ['TAGS', 'TagA'],
    ]),
    msgId: '0A00000200002A9F0000000000002328',
  };
}

describe('transactional messages', () => {
  it('a commit goes to the real topic and queue as COMMIT_TYPE, pointing at the half message, without REAL_* and TRAN_MSG', () => {
    const committed = committedMessage(halfMessage());
    expect(committed).toMatchObject({ topic: 'Orders', queueId: 3, flag: 7, sysFlag: 0x1 | 0x8, preparedTransactionOffset: 9000, bornHost: '10.0.0.1:5000' });
    expect([...(committed?.properties.keys() ?? [])]).toEqual(['PGROUP', 'UNIQ_KEY', 'TAGS']);
    const lost = halfMessage();
    lost.properties.delete('REAL_QID');
    expect(committedMessage(lost)).toBeUndefined();
  });

  it('an op record is tag d in the op topic, same queue, body = the half queue offset in ASCII, with its own UNIQ_KEY', () => {
    const op = opMessage(41, 0, '10.0.0.2:10911');
    expect(op).toMatchObject({ topic: 'RMQ_SYS_TRANS_OP_HALF_TOPIC', queueId: 0, sysFlag: 0 });
    expect(op.body).toEqual(Buffer.from([0x34, 0x31]));
    expect(op.properties.get('TAGS')).toBe('d');
    expect(op.properties.get('UNIQ_KEY')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('a renewed half stays in the half queue; the immunity copy remembers the first offset', () => {
    const half = halfMessage();
    expect(renewedHalfMessage(half)).toMatchObject({ topic: 'RMQ_SYS_TRANS_HALF_TOPIC', queueId: 0 });
    expect(renewedHalfMessage(half).properties.has('TRAN_PREPARED_QUEUE_OFFSET')).toBe(false);
    expect(renewedHalfMessage(half, 41).properties.get('TRAN_PREPARED_QUEUE_OFFSET')).toBe('41');
    expect(checkMaxTimeMessage(half)).toMatchObject({ topic: 'TRANS_CHECK_MAX_TIME_TOPIC', queueId: 0 });
    expect(checkMaxTimeMessage(half).properties.get('REAL_TOPIC')).toBe('Orders');
  });

  it('the check body is the half message in stored layout with real topic, queue and the half offsets', () => {
    const decoded = decodeStoredMessage(checkRequestBody(halfMessage()));
    expect(decoded).toMatchObject({ topic: 'Orders', queueId: 3, queueOffset: 41, commitLogOffset: 9000, storeTimestamp: 1_700_000_000_050 });
    expect(decoded.body.toString()).toBe('payload');
    expect(decoded.properties.get('PGROUP')).toBe('PG');
  });

  it('a due delayed message goes to REAL_TOPIC / REAL_QID without DELAY, keeping REAL_*', () => {
    const scheduled = { ...halfMessage(), topic: 'SCHEDULE_TOPIC_XXXX', queueId: 2, reconsumeTimes: 2 };
    scheduled.properties = new Map([...halfMessage().properties].filter(([key]) => key !== 'TRAN_MSG'));
    scheduled.properties.set('DELAY', '3');
    const delivered = deliveredMessage(scheduled);
    expect(delivered).toMatchObject({ topic: 'Orders', queueId: 3, reconsumeTimes: 2 });
    expect(delivered?.properties.has('DELAY')).toBe(false);
    expect(delivered?.properties.get('WAIT')).toBe('false');
    expect(delivered?.properties.get('REAL_TOPIC')).toBe('Orders');
    scheduled.properties.set('REAL_TOPIC', 'RMQ_SYS_TRANS_HALF_TOPIC');
    expect(deliveredMessage(scheduled)).toBeUndefined();
  });
});
