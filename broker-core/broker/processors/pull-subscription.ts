import { buildSubscriptionData, isTagType, type ExpressionType, type SubscriptionData } from '../../filter/tag-filter';
import type { CompiledSql92 } from '../../filter/sql92-evaluator';
import { PullSysFlag, type PullMessageRequestHeader } from '../../protocol/headers/pull-message';
import type { SubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { BrokerContext } from '../broker-context';

/**
 * Which subscription a pull filters with (spec/message-format.md §9.1, semantics.md §7): the one in the request
 * when it carries the SUBSCRIPTION flag (ali-ons always does), else the one the group registered by heartbeat.
 * SQL92 expressions are compiled once (cache); a broken one answers SUBSCRIPTION_PARSE_FAILED.
 */
export interface PullSubscription {
  data: SubscriptionData;
  compiledSql?: CompiledSql92;
}

export function resolvePullSubscription(ctx: BrokerContext, header: PullMessageRequestHeader, groupConfig: SubscriptionGroupConfig): PullSubscription {
  if ((header.sysFlag & PullSysFlag.SUBSCRIPTION) !== 0) {
    try {
      const expressionType = (header.expressionType || 'TAG') as ExpressionType;
      const data = buildSubscriptionData(header.topic, header.subscription, expressionType, header.subVersion);
      if (isTagType(data.expressionType)) return { data };
      return { data, compiledSql: ctx.sqlFilters.compile(data.subString) };
    } catch (error) {
      throw new ResponseCodeError(
        ResponseCode.SUBSCRIPTION_PARSE_FAILED,
        `parse the consumer's subscription[${header.subscription}] failed, group: ${header.consumerGroup}: ${(error as Error).message}`,
      );
    }
  }
  const groupInfo = ctx.consumers.getConsumerGroupInfo(header.consumerGroup);
  if (!groupInfo) throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's group info not exist");
  if (!groupConfig.consumeBroadcastEnable && groupInfo.messageModel === 'BROADCASTING') {
    throw new ResponseCodeError(ResponseCode.NO_PERMISSION, `the consumer group[${header.consumerGroup}] can not consume by broadcast way`);
  }
  const registered = groupInfo.subscriptions.get(header.topic);
  if (!registered) throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's subscription not exist");
  if (registered.data.subVersion < header.subVersion) {
    throw new ResponseCodeError(ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest");
  }
  if (!isTagType(registered.data.expressionType) && !registered.compiledSql) {
    throw new ResponseCodeError(ResponseCode.FILTER_DATA_NOT_EXIST, "The broker's consumer filter data is not exist!Your expression may be wrong!");
  }
  return registered;
}
