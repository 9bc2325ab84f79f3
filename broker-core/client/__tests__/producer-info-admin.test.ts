import { describe, expect, it } from 'vitest';
import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { RemotingClient } from '../../remoting/remoting-client';
import { createResponse } from '../../remoting/remoting-command';
import { RemotingServer } from '../../remoting/remoting-server';
import { decodeProducerTableInfo, encodeProducerTableInfo } from '../../protocol/bodies/producer-table-info';
import { getAllProducerInfo } from '../admin/producer-info-admin';

// GET_ALL_PRODUCER_INFO (328): the ProducerTableInfo body as a 5.x broker writes it (hand-written from ProducerInfo).
const BODY =
  '{"data":{"PG_A":[{"clientId":"10.0.0.5@1","remoteIP":"10.0.0.5:50000","language":"JAVA","version":453,"lastUpdateTimestamp":1700000000000}],' +
  '"PG_B":[{"clientId":"10.0.0.6@2","remoteIP":"10.0.0.6:50001","language":"GO","version":413,"lastUpdateTimestamp":1700000001000},' +
  '{"clientId":"10.0.0.7@3","remoteIP":"10.0.0.7:50002","language":"CPP","version":0,"lastUpdateTimestamp":0}]}}';

describe('GET_ALL_PRODUCER_INFO', () => {
  it('decodes every group with its clients', () => {
    const groups = decodeProducerTableInfo(BODY);
    expect([...groups.keys()]).toEqual(['PG_A', 'PG_B']);
    expect(groups.get('PG_A')).toEqual([{ clientId: '10.0.0.5@1', remoteIP: '10.0.0.5:50000', language: 'JAVA', version: 453, lastUpdateTimestamp: 1_700_000_000_000 }]);
    expect(groups.get('PG_B')?.map((info) => info.language)).toEqual(['GO', 'CPP']);
    expect(decodeProducerTableInfo('{}').size).toBe(0);
    // Written back in fastjson's field order, byte for byte.
    const pgA = '{"clientId":"10.0.0.5@1","language":"JAVA","lastUpdateTimestamp":1700000000000,"remoteIP":"10.0.0.5:50000","version":453}';
    expect(encodeProducerTableInfo(new Map([['PG_A', groups.get('PG_A') ?? []]])).toString()).toBe(`{"data":{"PG_A":[${pgA}]}}`);
    expect(() => decodeProducerTableInfo('{"data":{"PG":{}}}')).toThrow('ProducerTableInfo.data.PG must be an array');
  });

  it('asks a broker over TCP and reports REQUEST_CODE_NOT_SUPPORTED from an older one as an error code', async () => {
    const modern = new RemotingServer({ name: 'broker-5x' });
    modern.processors.register(RequestCode.GET_ALL_PRODUCER_INFO, (request) => createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(BODY) }));
    const older = new RemotingServer({ name: 'broker-4x' });
    const client = new RemotingClient({ name: 'admin' });
    try {
      const modernAddr = `127.0.0.1:${await modern.listen(0, '127.0.0.1')}`;
      const olderAddr = `127.0.0.1:${await older.listen(0, '127.0.0.1')}`;
      expect((await getAllProducerInfo(client, modernAddr)).get('PG_A')?.[0].clientId).toBe('10.0.0.5@1');
      await expect(getAllProducerInfo(client, olderAddr)).rejects.toMatchObject({ name: 'ResponseCodeError', code: ResponseCode.REQUEST_CODE_NOT_SUPPORTED });
    } finally {
      await client.close();
      await modern.close();
      await older.close();
    }
  });
});
