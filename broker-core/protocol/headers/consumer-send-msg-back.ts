import { defineHeader, type HeaderOf } from './define-header';

/**
 * CONSUMER_SEND_MSG_BACK (36): a consumer returns a message it failed to consume (spec/remoting.md §11.1,
 * semantics.md §5). offset = commit-log offset of the consumed message; delayLevel 0 lets the broker choose
 * (3 + reconsumeTimes), < 0 sends it straight to the DLQ. The answer is a code only.
 */
export const ConsumerSendMsgBackRequestHeader = defineHeader({
  offset: 'long!',
  group: 'string!',
  delayLevel: 'int!',
  originMsgId: 'string',
  originTopic: 'string',
  unitMode: 'boolean',
  maxReconsumeTimes: 'int',
});
export type ConsumerSendMsgBackRequestHeader = HeaderOf<typeof ConsumerSendMsgBackRequestHeader>;
