import type { MessageExt } from '../../common/message/message-ext';
import { ResponseCode } from '../../protocol/response-code';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { MQAdmin } from './mq-admin';

/**
 * Whether each group that consumes a topic has consumed one message (Java `messageTrackDetail`, printed by
 * queryMsgById and the console's message page): a push group has consumed it once its committed offset of the
 * message's queue on the storing broker is past the message.
 */
export type TrackType = 'CONSUMED' | 'CONSUMED_BUT_FILTERED' | 'PULL' | 'NOT_CONSUME_YET' | 'NOT_ONLINE' | 'UNKNOWN';

export interface MessageTrack {
  consumerGroup: string;
  trackType: TrackType;
  exceptionDesc?: string;
}

export function messageTrackString(track: MessageTrack): string {
  return `MessageTrack [consumerGroup=${track.consumerGroup}, trackType=${track.trackType}, exceptionDesc=${track.exceptionDesc ?? null}]`;
}

function describe(error: unknown): { desc: string; notOnline: boolean } {
  if (error instanceof ResponseCodeError) {
    return { desc: `CODE:${error.code} DESC:${error.remark ?? ''}`, notOnline: error.code === ResponseCode.CONSUMER_NOT_ONLINE };
  }
  return { desc: (error as Error).message, notOnline: false };
}

export async function messageTrackDetail(admin: MQAdmin, message: MessageExt): Promise<MessageTrack[]> {
  const tracks: MessageTrack[] = [];
  const [groups, info] = await Promise.all([admin.queryTopicConsumeByWho(message.topic), admin.examineBrokerClusterInfo()]);
  for (const group of groups) {
    const track: MessageTrack = { consumerGroup: group, trackType: 'UNKNOWN' };
    tracks.push(track);
    let connection;
    try {
      connection = await admin.examineConsumerConnectionInfo(group);
    } catch (error) {
      const { desc, notOnline } = describe(error);
      if (notOnline) track.trackType = 'NOT_ONLINE';
      track.exceptionDesc = desc;
      continue;
    }
    if (connection.consumeType === 'CONSUME_ACTIVELY') {
      track.trackType = 'PULL';
      continue;
    }
    try {
      const stats = await admin.examineConsumeStats(group);
      const consumed = stats.offsetTable.some(
        ({ messageQueue, value }) =>
          messageQueue.topic === message.topic &&
          messageQueue.queueId === message.queueId &&
          info.brokerAddrTable[messageQueue.brokerName]?.brokerAddrs['0'] === message.storeHost &&
          value.consumerOffset > message.queueOffset,
      );
      track.trackType = consumed ? 'CONSUMED' : 'NOT_CONSUME_YET';
      const subscription = connection.subscriptionTable[message.topic];
      if (consumed && subscription && subscription.tagsSet.length > 0 && !subscription.tagsSet.includes('*')) {
        if (!subscription.tagsSet.includes(message.tags ?? '')) track.trackType = 'CONSUMED_BUT_FILTERED';
      }
    } catch (error) {
      const { desc, notOnline } = describe(error);
      if (notOnline) track.trackType = 'NOT_ONLINE';
      track.exceptionDesc = desc;
    }
  }
  return tracks;
}
