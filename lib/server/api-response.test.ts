import { describe, expect, it } from 'vitest';
import { ResponseCode } from '../../broker-core/protocol/response-code';
import { RemotingConnectError, RemotingTimeoutError, ResponseCodeError } from '../../broker-core/remoting/remoting-error';
import { clusterParamsSchema } from '../validations/cluster';
import { badRequest, errorResponse, okResponse } from './api-response';
import { UnknownClusterError } from './cluster-registry';

describe('API responses', () => {
  it('passes a broker or nameserver error code on as 502 with its code and remark', async () => {
    const response = errorResponse(new ResponseCodeError(ResponseCode.SYSTEM_ERROR, 'disk full', 'GET_BROKER_CLUSTER_INFO'));
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'GET_BROKER_CLUSTER_INFO: SYSTEM_ERROR (1): disk full', responseCode: 1, remark: 'disk full' });
  });

  it('maps transport failures, unknown clusters and bugs to their statuses', async () => {
    expect(errorResponse(new RemotingTimeoutError('invoke timed out after 3000 ms')).status).toBe(504);
    expect(errorResponse(new RemotingConnectError('connect to 10.0.0.1:9876 failed: ECONNREFUSED')).status).toBe(502);
    expect(errorResponse(new UnknownClusterError('x')).status).toBe(404);
    const bug = errorResponse(new TypeError('x is undefined'));
    expect(bug.status).toBe(500);
    expect(await bug.json()).toEqual({ error: 'x is undefined' });
  });

  it('answers bad params with 400 naming the field, and nothing is cacheable', async () => {
    const parsed = clusterParamsSchema.safeParse({ id: '../etc' });
    expect(parsed.success).toBe(false);
    const response = badRequest(parsed.error!);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/^id: cluster id must be/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(okResponse({ a: 1 }).headers.get('cache-control')).toBe('no-store');
  });
});
