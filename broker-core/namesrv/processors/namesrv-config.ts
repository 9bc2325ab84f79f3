import { RequestCode } from '../../protocol/request-code';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHandler } from '../../remoting/processor-table';
import { createResponse } from '../../remoting/remoting-command';
import type { NamesrvContext } from '../namesrv-context';

/** GET_NAMESRV_CONFIG / UPDATE_NAMESRV_CONFIG: Java properties text both ways (spec/remoting.md §11.5, §14.8). */
export function namesrvConfigProcessors(ctx: NamesrvContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [
      RequestCode.GET_NAMESRV_CONFIG,
      (request) =>
        createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(ctx.config.toProperties(), 'utf8') }),
    ],
    [
      RequestCode.UPDATE_NAMESRV_CONFIG,
      async (request) => {
        // No body: nothing to change (upstream answers SUCCESS too).
        const note =
          request.body && request.body.length > 0 ? await ctx.config.update(request.body.toString('utf8')) : undefined;
        return createResponse(request, ResponseCode.SUCCESS, { remark: note });
      },
    ],
  ]);
}
