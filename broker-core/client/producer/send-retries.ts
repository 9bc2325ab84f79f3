import { createLogger } from '../../common/logger';
import { ResponseCodeError } from '../../remoting/remoting-error';
import { ClientErrorCode, MQClientError } from '../client-error';
import type { MessageQueue } from '../message-queue';
import type { LatencyFaultStrategy } from './latency-fault-strategy';
import type { PreparedMessage } from './prepared-message';
import type { SendMode } from './send-kernel';
import type { SendResult } from './send-result';
import { clientErrorCodeOf, isRetryableSendError } from './send-retry-policy';
import type { TopicPublishInfo } from './topic-publish-info';

const log = createLogger('producer');

/**
 * The producer's retry loops (Java `sendDefaultImpl` and the async `onExceptionImpl`), within one time budget:
 *  - sync: up to 1 + retryTimesWhenSendFailed attempts, each on the next queue of another broker than the last,
 *    after a retryable failure (send-retry-policy.ts) or, with retryAnotherBrokerWhenNotStoreOK, a non-SEND_OK
 *    status; every outcome feeds the latency fault strategy;
 *  - async: up to retryTimesWhenSendAsyncFailed more attempts, only after transport failures;
 *  - oneway: a single attempt.
 */
export interface RetryContext {
  fault: LatencyFaultStrategy;
  retryTimesWhenSendFailed: number;
  retryTimesWhenSendAsyncFailed: number;
  retryAnotherBrokerWhenNotStoreOK: boolean;
  send(prepared: PreparedMessage, mq: MessageQueue, mode: SendMode, timeoutMs: number): Promise<SendResult | undefined>;
}

export async function sendWithRetries(
  context: RetryContext,
  info: TopicPublishInfo,
  prepared: PreparedMessage,
  mode: SendMode,
  timeoutMs: number,
): Promise<SendResult | undefined> {
  const begin = Date.now();
  const timesTotal = mode === 'sync' ? 1 + context.retryTimesWhenSendFailed : 1;
  const brokersSent: string[] = [];
  let mq: MessageQueue | undefined;
  let result: SendResult | undefined;
  let lastError: unknown;
  let times = 0;
  for (; times < timesTotal; times++) {
    mq = context.fault.selectOneMessageQueue(info, mq?.brokerName);
    brokersSent.push(mq.brokerName);
    const started = Date.now();
    if (started - begin > timeoutMs) {
      throw new MQClientError('sendDefaultImpl call timeout', ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION, { cause: lastError });
    }
    try {
      result = await context.send(prepared, mq, mode, timeoutMs - (started - begin));
      context.fault.updateFaultItem(mq.brokerName, Date.now() - started, false);
      if (mode !== 'sync') return result;
      if (result && result.sendStatus !== 'SEND_OK' && context.retryAnotherBrokerWhenNotStoreOK) continue;
      return result;
    } catch (error) {
      context.fault.updateFaultItem(mq.brokerName, Date.now() - started, true);
      lastError = error;
      log.debug(`send to ${mq.brokerName} failed (attempt ${times + 1}): ${(error as Error).message}`);
      if (isRetryableSendError(error)) continue;
      if (result) return result;
      throw error;
    }
  }
  if (result) return result;
  throw new MQClientError(
    `Send [${times}] times, still failed, cost [${Date.now() - begin}]ms, Topic: ${prepared.topic}, BrokersSent: [${brokersSent.join(', ')}]: ${(lastError as Error)?.message}`,
    clientErrorCodeOf(lastError),
    { cause: lastError },
  );
}

export async function sendAsyncWithRetries(
  context: RetryContext,
  info: TopicPublishInfo,
  prepared: PreparedMessage,
  timeoutMs: number,
): Promise<SendResult> {
  const begin = Date.now();
  let mq = context.fault.selectOneMessageQueue(info);
  for (let attempt = 0; ; attempt++) {
    const started = Date.now();
    try {
      const result = (await context.send(prepared, mq, 'async', timeoutMs - (started - begin))) as SendResult;
      context.fault.updateFaultItem(mq.brokerName, Date.now() - started, false);
      return result;
    } catch (error) {
      context.fault.updateFaultItem(mq.brokerName, Date.now() - started, true);
      // Java's async path retries only when the request could not be sent or timed out, not on broker codes.
      const transport = !(error instanceof ResponseCodeError);
      if (!transport || attempt >= context.retryTimesWhenSendAsyncFailed || Date.now() - begin >= timeoutMs) throw error;
      mq = context.fault.selectOneMessageQueue(info, mq.brokerName);
    }
  }
}
