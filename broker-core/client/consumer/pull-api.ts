import { MessageConst } from '../../common/message/message-const';
import type { MessageExt } from '../../common/message/message-ext';
import { decodeStoredMessages } from '../../common/message/stored-message-decoder';
import { isTagStringMatched, isTagType, type SubscriptionData } from '../../filter/tag-filter';
import { MASTER_BROKER_ID } from '../../protocol/bodies/topic-route-data';
import { PullSysFlag } from '../../protocol/headers/pull-message';
import { Versions } from '../../protocol/mq-version';
import { ResponseCode } from '../../protocol/response-code';
import { MQClientError } from '../client-error';
import { pullMessage } from '../instance/broker-api';
import type { ClientInstance } from '../instance/client-instance';
import { messageQueueKey, type MessageQueue } from '../message-queue';

/**
 * One pull from a broker and the client's treatment of the answer (Java `PullAPIWrapper`, spec/message-format.md
 * §9, semantics.md §7):
 *
 *   code                       status           next offset
 *   SUCCESS                    FOUND            nextBeginOffset; messages decoded, body inflated, re-filtered by
 *                                               exact tag, MIN_OFFSET / MAX_OFFSET stamped
 *   PULL_NOT_FOUND             NO_NEW_MSG       nextBeginOffset
 *   PULL_RETRY_IMMEDIATELY     NO_MATCHED_MSG   nextBeginOffset
 *   PULL_OFFSET_MOVED          OFFSET_ILLEGAL   nextBeginOffset (the corrected offset)
 *
 * The broker's `suggestWhichBrokerId` is remembered per queue and used for the next pull of that queue (a slave when
 * the master is busy or gone); pulls from a slave never carry the commit-offset flag.
 */
export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

export interface PullResult {
  status: PullStatus;
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  /** Messages that passed the client filter (FOUND only; may be empty when every message was filtered out). */
  messages: MessageExt[];
}

export interface PullRequestOptions {
  mq: MessageQueue;
  subscription: SubscriptionData;
  offset: number;
  maxNums: number;
  sysFlag: number;
  commitOffset: number;
  suspendTimeoutMs: number;
  timeoutMs: number;
  /** Send the expression in the request (lite pull / postSubscriptionWhenPull) instead of relying on the heartbeat. */
  sendSubscription?: boolean;
}

const STATUS_BY_CODE = new Map<number, PullStatus>([
  [ResponseCode.SUCCESS, 'FOUND'],
  [ResponseCode.PULL_NOT_FOUND, 'NO_NEW_MSG'],
  [ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MSG'],
  [ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_ILLEGAL'],
]);

export class PullApi {
  private readonly pullFromWhichNode = new Map<string, number>();

  constructor(
    private readonly instance: ClientInstance,
    private readonly group: string,
  ) {}

  async pull(options: PullRequestOptions): Promise<PullResult> {
    const { mq, subscription } = options;
    const brokerId = this.pullFromWhichNode.get(messageQueueKey(mq)) ?? MASTER_BROKER_ID;
    let found = this.instance.routes.findBrokerAddressInSubscribe(mq.brokerName, brokerId, false);
    if (!found) {
      await this.instance.updateTopicRoute(mq.topic);
      found = this.instance.routes.findBrokerAddressInSubscribe(mq.brokerName, brokerId, false);
    }
    if (!found) throw new MQClientError(`The broker[${mq.brokerName}] not exist`);
    const version = this.instance.brokerVersions.get(found.brokerAddr);
    if (!isTagType(subscription.expressionType) && version !== undefined && version < Versions.V4_1_0_SNAPSHOT) {
      throw new MQClientError(
        `The broker[${mq.brokerName}, ${version}] does not upgrade to support for filter message by ${subscription.expressionType}`,
      );
    }
    let sysFlag = options.sysFlag;
    if (options.sendSubscription) sysFlag |= PullSysFlag.SUBSCRIPTION;
    if (found.slave) sysFlag &= ~PullSysFlag.COMMIT_OFFSET;
    const response = await pullMessage(
      this.instance.remoting,
      found.brokerAddr,
      {
        consumerGroup: this.group,
        topic: mq.topic,
        queueId: mq.queueId,
        queueOffset: options.offset,
        maxMsgNums: options.maxNums,
        sysFlag,
        commitOffset: options.commitOffset,
        suspendTimeoutMillis: options.suspendTimeoutMs,
        subscription: options.sendSubscription ? subscription.subString : undefined,
        subVersion: subscription.subVersion,
        expressionType: subscription.expressionType,
      },
      options.timeoutMs,
    );
    this.pullFromWhichNode.set(messageQueueKey(mq), response.header.suggestWhichBrokerId);
    const status = STATUS_BY_CODE.get(response.code) as PullStatus;
    const result: PullResult = {
      status,
      nextBeginOffset: response.header.nextBeginOffset,
      minOffset: response.header.minOffset,
      maxOffset: response.header.maxOffset,
      messages: [],
    };
    if (status === 'FOUND' && response.body) result.messages = filterPulledMessages(response.body, subscription, result);
    return result;
  }
}

/** Decodes a pull body and applies the client's second filter (exact tag strings), stamping MIN/MAX_OFFSET. */
export function filterPulledMessages(
  body: Buffer,
  subscription: SubscriptionData,
  bounds: { minOffset: number; maxOffset: number },
): MessageExt[] {
  const decoded = decodeStoredMessages(body, { decompressBody: true });
  const kept = decoded.filter((message) => isTagStringMatched(message.tags, subscription));
  for (const message of kept) {
    message.properties.set(MessageConst.MIN_OFFSET, String(bounds.minOffset));
    message.properties.set(MessageConst.MAX_OFFSET, String(bounds.maxOffset));
  }
  return kept;
}
