import { encodeBrokerStatsData } from '../../../protocol/bodies/broker-stats-data';
import { encodeKVTable } from '../../../protocol/bodies/kv-table';
import { ViewBrokerStatsDataRequestHeader } from '../../../protocol/headers/admin-stats';
import { CURRENT_VERSION, versionDescription } from '../../../protocol/mq-version';
import { RequestCode } from '../../../protocol/request-code';
import { ResponseCode } from '../../../protocol/response-code';
import type { RequestHandler } from '../../../remoting/processor-table';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import { createResponse, type RemotingCommand } from '../../../remoting/remoting-command';
import type { BrokerContext } from '../../broker-context';

/**
 * GET_BROKER_RUNTIME_INFO (28) and VIEW_BROKER_STATS_DATA (315) (spec/remoting.md §11.4, §13.6; semantics.md §13,
 * §14). The runtime table is the store's keys plus the broker's: version, daily totals and the thread-pool keys
 * dashboards show (a single-threaded broker has no queue: sizes and waits are 0).
 */
export async function brokerRuntimeInfo(ctx: BrokerContext): Promise<Record<string, string>> {
  const info = await ctx.store.getRuntimeInfo();
  const { config, runtimeStats } = ctx;
  const table: Record<string, string> = {
    ...info,
    ...ctx.schedule.runtimeInfo(),
    brokerVersionDesc: versionDescription(CURRENT_VERSION),
    brokerVersion: String(CURRENT_VERSION),
    brokerActive: 'true',
    msgPutTotalYesterdayMorning: String(runtimeStats.msgPutTotalYesterdayMorning),
    msgPutTotalTodayMorning: String(runtimeStats.msgPutTotalTodayMorning),
    msgPutTotalTodayNow: String(runtimeStats.msgPutTotalTodayNow),
    msgGetTotalYesterdayMorning: String(runtimeStats.msgGetTotalYesterdayMorning),
    msgGetTotalTodayMorning: String(runtimeStats.msgGetTotalTodayMorning),
    msgGetTotalTodayNow: String(runtimeStats.msgGetTotalTodayNow),
    sendThreadPoolQueueSize: '0',
    sendThreadPoolQueueCapacity: String(config.sendThreadPoolQueueCapacity),
    sendThreadPoolQueueHeadWaitTimeMills: '0',
    pullThreadPoolQueueSize: String(ctx.pullHold.size),
    pullThreadPoolQueueCapacity: String(config.pullThreadPoolQueueCapacity),
    pullThreadPoolQueueHeadWaitTimeMills: '0',
    queryThreadPoolQueueSize: '0',
    queryThreadPoolQueueCapacity: String(config.queryThreadPoolQueueCapacity),
    queryThreadPoolQueueHeadWaitTimeMills: '0',
    EndTransactionQueueSize: '0',
    EndTransactionThreadPoolQueueCapacity: String(config.endTransactionPoolQueueCapacity),
    startAcceptSendRequestTimeStamp: String(config.startAcceptSendRequestTimeStamp),
  };
  return table;
}

function viewStatsData(ctx: BrokerContext, request: RemotingCommand): RemotingCommand {
  const { statsName, statsKey } = ViewBrokerStatsDataRequestHeader.decode(request.extFields);
  const snapshots = ctx.stats.snapshots(statsName, statsKey);
  if (!snapshots) throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `The stats <${statsName}> <${statsKey}> not exist`);
  const item = (snapshot: { sum: number; tps: number; avgpt: number }) => ({ sum: snapshot.sum, tps: snapshot.tps, avgpt: snapshot.avgpt });
  const body = encodeBrokerStatsData({ statsMinute: item(snapshots.minute), statsHour: item(snapshots.hour), statsDay: item(snapshots.day) });
  return createResponse(request, ResponseCode.SUCCESS, { body });
}

export function statsAdminProcessor(ctx: BrokerContext): Map<number, RequestHandler> {
  return new Map<number, RequestHandler>([
    [RequestCode.GET_BROKER_RUNTIME_INFO, async (request) => createResponse(request, ResponseCode.SUCCESS, { body: encodeKVTable({ table: await brokerRuntimeInfo(ctx) }) })],
    [RequestCode.VIEW_BROKER_STATS_DATA, (request) => viewStatsData(ctx, request)],
  ]);
}
