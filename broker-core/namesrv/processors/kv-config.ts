import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import { encodeKVTable } from '../../protocol/bodies/kv-table';
import {
  DeleteKVConfigRequestHeader,
  GetKVConfigRequestHeader,
  GetKVConfigResponseHeader,
  GetKVListByNamespaceRequestHeader,
  PutKVConfigRequestHeader,
} from '../../protocol/headers/namesrv-kv-config';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse } from '../../remoting/remoting-command';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { NamesrvContext } from '../namesrv-context';

/**
 * PUT/GET/DELETE_KV_CONFIG and GET_KVLIST_BY_NAMESPACE (spec/remoting.md §11.5). Missing entries answer
 * QUERY_NOT_FOUND with Java's remarks. Puts and deletes are on disk before they are acknowledged.
 */
export function kvConfigProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.PUT_KV_CONFIG,
      async (request) => {
        const header = PutKVConfigRequestHeader.decode(request.extFields);
        await ctx.kvConfig.put(header.namespace, header.key, header.value);
        return createResponse(request, ResponseCode.SUCCESS);
      },
    ],
    [
      RequestCode.GET_KV_CONFIG,
      (request) => {
        const header = GetKVConfigRequestHeader.decode(request.extFields);
        const value = ctx.kvConfig.get(header.namespace, header.key);
        if (value === undefined) {
          throw new ResponseCodeError(
            ResponseCode.QUERY_NOT_FOUND,
            `No config item, Namespace: ${header.namespace} Key: ${header.key}`,
          );
        }
        return createResponse(request, ResponseCode.SUCCESS, {
          extFields: GetKVConfigResponseHeader.encode({ value }),
        });
      },
    ],
    [
      RequestCode.DELETE_KV_CONFIG,
      async (request) => {
        const header = DeleteKVConfigRequestHeader.decode(request.extFields);
        await ctx.kvConfig.delete(header.namespace, header.key);
        return createResponse(request, ResponseCode.SUCCESS);
      },
    ],
    [
      RequestCode.GET_KVLIST_BY_NAMESPACE,
      (request) => {
        const header = GetKVListByNamespaceRequestHeader.decode(request.extFields);
        const table = ctx.kvConfig.namespace(header.namespace);
        if (!table)
          throw new ResponseCodeError(ResponseCode.QUERY_NOT_FOUND, `No config item, Namespace: ${header.namespace}`);
        return createResponse(request, ResponseCode.SUCCESS, { body: encodeKVTable({ table }) });
      },
    ],
  ]);
}
