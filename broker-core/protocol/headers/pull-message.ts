import { defineHeader, type HeaderOf } from './define-header';

/**
 * PULL_MESSAGE (11) / LITE_PULL_MESSAGE (361, 5.x) headers (spec/remoting.md §11.2, message-format.md §9; Java
 * `PullMessageRequestHeader`, `PullMessageResponseHeader`, `PullSysFlag`).
 *
 * Request sysFlag bits:
 *   0x1 COMMIT_OFFSET  commitOffset is valid; a master stores it as the group's offset
 *   0x2 SUSPEND        the broker may hold (long-poll) the request up to suspendTimeoutMillis
 *   0x4 SUBSCRIPTION   subscription/expressionType carry the filter (else the heartbeat's subscription is used)
 *   0x8 CLASS_FILTER   legacy class filter
 *   0x10 LITE_PULL     5.x lite pull consumer
 *
 * The answer's code says what happened: SUCCESS (body = stored records back to back), PULL_NOT_FOUND,
 * PULL_RETRY_IMMEDIATELY, PULL_OFFSET_MOVED; the remark is the store status name.
 */
export const PullSysFlag = {
  COMMIT_OFFSET: 0x1,
  SUSPEND: 0x2,
  SUBSCRIPTION: 0x4,
  CLASS_FILTER: 0x8,
  LITE_PULL_MESSAGE: 0x10,
} as const;

export function buildPullSysFlag(commitOffset: boolean, suspend: boolean, subscription: boolean, classFilter = false): number {
  return (
    (commitOffset ? PullSysFlag.COMMIT_OFFSET : 0) |
    (suspend ? PullSysFlag.SUSPEND : 0) |
    (subscription ? PullSysFlag.SUBSCRIPTION : 0) |
    (classFilter ? PullSysFlag.CLASS_FILTER : 0)
  );
}

export const PullMessageRequestHeader = defineHeader({
  consumerGroup: 'string!',
  topic: 'string!',
  queueId: 'int!',
  queueOffset: 'long!',
  maxMsgNums: 'int!',
  sysFlag: 'int!',
  commitOffset: 'long!',
  suspendTimeoutMillis: 'long!',
  /** Tag expression or SQL92; only read when sysFlag has SUBSCRIPTION. */
  subscription: 'string',
  subVersion: 'long!',
  /** TAG (default) or SQL92. */
  expressionType: 'string',
  /** 5.x */
  maxMsgBytes: 'int',
  requestSource: 'int',
  proxyFrowardClientId: 'string',
});
export type PullMessageRequestHeader = HeaderOf<typeof PullMessageRequestHeader>;

export const PullMessageResponseHeader = defineHeader({
  /** Broker id to pull from next: 0 = master. */
  suggestWhichBrokerId: 'long!',
  nextBeginOffset: 'long!',
  minOffset: 'long!',
  maxOffset: 'long!',
  /** 5.x */
  offsetDelta: 'long',
  topicSysFlag: 'int',
  groupSysFlag: 'int',
  forbiddenType: 'int',
});
export type PullMessageResponseHeader = HeaderOf<typeof PullMessageResponseHeader>;
