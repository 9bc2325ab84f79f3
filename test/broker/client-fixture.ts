import { buildSubscriptionData, type ExpressionType } from '../../broker-core/filter/tag-filter';
import { encodeHeartbeatData, type MessageModel } from '../../broker-core/protocol/bodies/heartbeat-data';
import { UnregisterClientRequestHeader } from '../../broker-core/protocol/headers/client-manage';
import { RequestCode } from '../../broker-core/protocol/request-code';
import { RemotingClient } from '../../broker-core/remoting/remoting-client';
import { createRequest, createResponse, type RemotingCommand } from '../../broker-core/remoting/remoting-command';
import { ResponseCode } from '../../broker-core/protocol/response-code';

/**
 * A minimal consumer/producer speaking the client side of the protocol with our remoting client: heartbeats,
 * unregister, and a record of the requests the broker sends it (NOTIFY_CONSUMER_IDS_CHANGED, RESET_CONSUMER_CLIENT_OFFSET,
 * GET_CONSUMER_RUNNING_INFO ...). Each instance has its own connection.
 */
export class TestClient {
  readonly remoting = new RemotingClient({ name: 'test-consumer' });
  readonly received: RemotingCommand[] = [];

  constructor(
    readonly brokerAddr: string,
    readonly clientId: string,
    answer: (request: RemotingCommand) => RemotingCommand | null = (request) => createResponse(request, ResponseCode.SUCCESS),
  ) {
    for (const code of [RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, RequestCode.RESET_CONSUMER_CLIENT_OFFSET, RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY]) {
      this.remoting.processors.register(code, (request) => {
        this.received.push(request);
        return answer(request);
      });
    }
  }

  heartbeat(options: { group?: string; topic?: string; subscription?: string; expressionType?: ExpressionType; messageModel?: MessageModel; producerGroup?: string } = {}): Promise<RemotingCommand> {
    const consumerDataSet = options.group
      ? [
          {
            groupName: options.group,
            consumeType: 'CONSUME_PASSIVELY' as const,
            messageModel: options.messageModel ?? ('CLUSTERING' as const),
            consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET' as const,
            unitMode: false,
            subscriptionDataSet: options.topic ? [buildSubscriptionData(options.topic, options.subscription ?? '*', options.expressionType ?? 'TAG', 1)] : [],
          },
        ]
      : [];
    const body = encodeHeartbeatData({ clientID: this.clientId, consumerDataSet, producerDataSet: options.producerGroup ? [{ groupName: options.producerGroup }] : [] });
    return this.remoting.invoke(this.brokerAddr, createRequest(RequestCode.HEART_BEAT, { body }));
  }

  unregister(consumerGroup?: string, producerGroup?: string): Promise<RemotingCommand> {
    const extFields = UnregisterClientRequestHeader.encode({ clientID: this.clientId, consumerGroup, producerGroup });
    return this.remoting.invoke(this.brokerAddr, createRequest(RequestCode.UNREGISTER_CLIENT, { extFields }));
  }

  invoke(request: RemotingCommand, timeoutMs = 5000): Promise<RemotingCommand> {
    return this.remoting.invoke(this.brokerAddr, request, timeoutMs);
  }

  notifications(code: number): RemotingCommand[] {
    return this.received.filter((request) => request.code === code);
  }

  close(): Promise<void> {
    return this.remoting.close();
  }
}

export async function eventually(condition: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
