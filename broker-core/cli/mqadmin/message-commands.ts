import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageExt } from '../../common/message/message-ext';
import { uniqueIdIp, uniqueIdTimestamp } from '../../common/message/message-id';
import type { MQAdmin } from '../../client/admin/mq-admin';
import { pullMessages, queryMessageByKey, queryMessageByOffset, queryMessageByUniqueKey, viewMessageById } from '../../client/admin/message-queries';
import { messageTrackDetail, messageTrackString } from '../../client/admin/message-track';
import { maxOffset, minOffset, searchOffset } from '../../client/instance/queue-offsets';
import { sortMessageQueues } from '../../client/message-queue';
import { subscribeQueuesOf } from '../../client/consumer/subscribe-queues';
import { Producer } from '../../client/producer/producer';
import type { CommandSpec } from './command';
import { UsageError } from './command';
import { formatDateTimeMillis, humanTime2, javaFormat, javaMapString, parseMqadminTimestamp } from './java-format';

/** Message commands of mqadmin (tools/command/message). Bodies are written to /tmp/rocketmq/msgbodys as upstream. */

export const MESSAGE_BODY_DIR = '/tmp/rocketmq/msgbodys';

function writeBody(message: MessageExt, suffix = ''): string {
  mkdirSync(MESSAGE_BODY_DIR, { recursive: true });
  const path = join(MESSAGE_BODY_DIR, `${message.uniqKey ?? message.msgId}${suffix}`);
  writeFileSync(path, message.body);
  return path;
}

/** QueryMsgByIdSubCommand.printMsg: the message's fields, then which groups consumed it. */
async function printMessage(admin: MQAdmin, message: MessageExt | undefined, out: (text: string) => void, withOffsetId = true): Promise<void> {
  if (!message) {
    out('\nMessage not found!');
    return;
  }
  const str = '%-20s %s%n';
  const int = '%-20s %d%n';
  if (withOffsetId) out(javaFormat(str, 'OffsetID:', message.msgId));
  out(javaFormat(str, 'Topic:', message.topic));
  out(javaFormat(str, 'Tags:', `[${message.tags ?? null}]`));
  out(javaFormat(str, 'Keys:', `[${message.keys ?? null}]`));
  out(javaFormat(int, 'Queue ID:', message.queueId));
  out(javaFormat(int, 'Queue Offset:', message.queueOffset));
  out(javaFormat(int, 'CommitLog Offset:', message.commitLogOffset));
  out(javaFormat(int, 'Reconsume Times:', message.reconsumeTimes));
  out(javaFormat(str, 'Born Timestamp:', humanTime2(message.bornTimestamp)));
  out(javaFormat(str, 'Store Timestamp:', humanTime2(message.storeTimestamp)));
  out(javaFormat(str, 'Born Host:', message.bornHost));
  out(javaFormat(str, 'Store Host:', message.storeHost));
  out(javaFormat(int, 'System Flag:', message.sysFlag));
  out(javaFormat(str, 'Properties:', javaMapString(message.properties)));
  out(javaFormat(str, 'Message Body Path:', writeBody(message)));
  try {
    const tracks = await messageTrackDetail(admin, message);
    if (tracks.length === 0) out('\n\nWARN: No Consumer');
    else out(`\n\n${tracks.map(messageTrackString).join('')}`);
  } catch (error) {
    out(`\n\n${(error as Error).message}`);
  }
  out('\n');
}

export const queryMsgById: CommandSpec = {
  name: 'queryMsgById',
  description: 'Query Message by Id',
  options: [
    { short: 'i', long: 'msgId', hasArg: true, required: true, description: 'Message Id' },
    { short: 'g', long: 'consumerGroup', hasArg: true, description: 'consumer group name' },
    { short: 'd', long: 'clientId', hasArg: true, description: "The consumer's client id" },
    { short: 's', long: 'sendMessage', hasArg: true, description: 'resend message' },
    { short: 'u', long: 'unitName', hasArg: true, description: 'unit name' },
  ],
  async run({ options, output, admin }) {
    const ids = options.require('i').split(',').map((id) => id.trim()).filter(Boolean);
    const group = options.get('g');
    const clientId = options.get('d');
    for (const id of ids) {
      if (group && clientId) {
        const message = await viewMessageById(admin(), id);
        const result = await admin().consumeMessageDirectly(group, clientId, message.topic, id);
        output.out(
          `ConsumeMessageDirectlyResult [order=${result.order}, autoCommit=${result.autoCommit}, consumeResult=${result.consumeResult ?? null}, remark=${result.remark ?? null}, spentTimeMills=${result.spentTimeMills}]`,
        );
      } else {
        await printMessage(admin(), await viewMessageById(admin(), id), output.out);
      }
    }
  },
};

export const queryMsgByKey: CommandSpec = {
  name: 'queryMsgByKey',
  description: 'Query Message by Key',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'k', long: 'msgKey', hasArg: true, required: true, description: 'Message Key' },
  ],
  async run({ options, output, admin }) {
    const messages = await queryMessageByKey(admin(), { topic: options.require('t'), key: options.require('k'), maxNum: 64 });
    output.out(javaFormat('%-50s %4s %40s%n', '#Message ID', '#QID', '#Offset'));
    for (const message of messages) output.out(javaFormat('%-50s %4d %40d%n', message.msgId, message.queueId, message.queueOffset));
  },
};

export const queryMsgByUniqueKey: CommandSpec = {
  name: 'queryMsgByUniqueKey',
  description: 'Query Message by Unique key',
  options: [
    { short: 'i', long: 'msgId', hasArg: true, required: true, description: 'Message Id' },
    { short: 'g', long: 'consumerGroup', hasArg: true, description: 'consumer group name' },
    { short: 'd', long: 'clientId', hasArg: true, description: "The consumer's client id" },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'The topic of msg' },
    { short: 'a', long: 'showAll', hasArg: false, description: 'Print all message, the limit is 32' },
  ],
  async run({ options, output, admin }) {
    const topic = options.require('t');
    const messages = await queryMessageByUniqueKey(admin(), topic, options.require('i'));
    const group = options.get('g');
    const clientId = options.get('d');
    if (group && clientId && messages[0]) {
      const result = await admin().consumeMessageDirectly(group, clientId, topic, messages[0].msgId);
      output.out(
        `ConsumeMessageDirectlyResult [order=${result.order}, autoCommit=${result.autoCommit}, consumeResult=${result.consumeResult ?? null}, remark=${result.remark ?? null}, spentTimeMills=${result.spentTimeMills}]`,
      );
      return;
    }
    const shown = options.has('a') ? messages : messages.slice(0, 1);
    for (const message of shown) await printMessage(admin(), message, output.out, false);
  },
};

export const queryMsgByOffset: CommandSpec = {
  name: 'queryMsgByOffset',
  description: 'Query Message by offset',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'topic name' },
    { short: 'b', long: 'brokerName', hasArg: true, required: true, description: 'Broker Name' },
    { short: 'i', long: 'queueId', hasArg: true, required: true, description: 'Queue Id' },
    { short: 'o', long: 'offset', hasArg: true, required: true, description: 'Queue Offset' },
  ],
  async run({ options, output, admin }) {
    const mq = { topic: options.require('t'), brokerName: options.require('b'), queueId: options.int('i') };
    const message = await queryMessageByOffset(admin(), mq, options.int('o'));
    if (message) await printMessage(admin(), message, output.out);
  },
};

export const sendMessage: CommandSpec = {
  name: 'sendMessage',
  description: 'Send a message',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'Topic name' },
    { short: 'p', long: 'body', hasArg: true, required: true, description: 'UTF-8 string format of the message body' },
    { short: 'k', long: 'key', hasArg: true, description: 'Message keys' },
    { short: 'c', long: 'tags', hasArg: true, description: 'Message tags' },
    { short: 'b', long: 'broker', hasArg: true, description: 'Send message to target broker' },
    { short: 'i', long: 'qid', hasArg: true, description: 'Send message to target queue' },
    { short: 'm', long: 'msgTraceEnable', hasArg: true, description: 'Message Trace Enable, Default: false' },
  ],
  async run({ options, output, namesrvAddr }) {
    if (options.has('i') && !options.has('b')) {
      output.out('Broker name must be set if the queue is chosen!');
      return;
    }
    const topic = options.require('t');
    const producer = new Producer({ namesrvAddr: namesrvAddr(), group: String(Date.now()) });
    await producer.start();
    try {
      const message = { topic, body: options.require('p'), tags: options.get('c'), keys: options.get('k') };
      const brokerName = options.get('b');
      const result =
        brokerName !== undefined && options.has('i')
          ? await producer.send(message, { messageQueue: { topic, brokerName, queueId: options.int('i') } })
          : await producer.send(message);
      output.out(javaFormat('%-32s  %-4s  %-20s    %s%n', '#Broker Name', '#QID', '#Send Result', '#MsgId'));
      output.out(javaFormat('%-32s  %-4s  %-20s    %s%n', result.messageQueue.brokerName, result.messageQueue.queueId, result.sendStatus, result.msgId));
    } finally {
      await producer.shutdown();
    }
  },
};

export const consumeMessage: CommandSpec = {
  name: 'consumeMessage',
  description: 'Consume message',
  options: [
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'Topic name' },
    { short: 'b', long: 'brokerName', hasArg: true, description: 'Broker name' },
    { short: 'i', long: 'queueId', hasArg: true, description: 'Queue Id' },
    { short: 'o', long: 'offset', hasArg: true, description: 'Queue offset' },
    { short: 'g', long: 'consumerGroup', hasArg: true, description: 'Consumer group name' },
    { short: 's', long: 'beginTimestamp', hasArg: true, description: 'Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { short: 'e', long: 'endTimestamp', hasArg: true, description: 'End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { short: 'c', long: 'MessageNumber', hasArg: true, description: 'Number of message to be consumed' },
  ],
  async run({ options, output, admin }) {
    const topic = options.require('t');
    const count = options.int('c', 128);
    if (count <= 0) return output.out('Please input a positive messageNumber!');
    if (options.has('i') && !options.has('b')) return output.out('Please set the brokerName before queueId!');
    if (options.has('o') && !options.has('i')) return output.out('Please set queueId before offset!');
    const now = Date.now();
    const begin = options.get('s') === undefined ? 0 : parseTimestamp(options.require('s'));
    const end = options.get('e') === undefined ? 0 : parseTimestamp(options.require('e'));
    if (begin > now) return output.out('Please set the beginTimestamp before now!');
    if (end > now) return output.out('Please set the endTimestamp before now!');
    if (end > 0 && begin > end) return output.out('Please make sure that the beginTimestamp is less than or equal to the endTimestamp');
    const instance = admin().instance;
    const route = await admin().examineTopicRouteInfo(topic);
    const brokerName = options.get('b');
    const queues = brokerName !== undefined && options.has('i') ? [{ topic, brokerName, queueId: options.int('i') }] : sortMessageQueues(subscribeQueuesOf(topic, route));
    let left = count;
    for (const mq of queues) {
      if (left <= 0) return;
      let min = begin > 0 ? await searchOffset(instance, mq, begin) : await minOffset(instance, mq);
      let max = end > 0 ? await searchOffset(instance, mq, end) : await maxOffset(instance, mq);
      if (options.has('o')) min = Math.max(min, options.int('o'));
      if (max - min > left) {
        output.out(javaFormat('The older %d message of the %d queue will be provided\n', left, mq.queueId));
        max = min + left - 1;
      }
      left -= max - min + 1;
      for (let offset = min; offset <= max; ) {
        const { messages, nextOffset } = await pullMessages(admin(), mq, offset, Math.min(32, max - offset + 1));
        if (messages.length === 0) {
          output.out(`MessageQueue [topic=${mq.topic}, brokerName=${mq.brokerName}, queueId=${mq.queueId}] print msg finished. status=NO_NEW_MSG, offset=${nextOffset}\n`);
          break;
        }
        output.out('Consume ok\n');
        for (const message of messages) {
          output.out(`MSGID: ${message.msgId} ${messageString(message)} BODY: ${message.body.toString('utf8')}\n`);
        }
        offset = nextOffset;
      }
    }
  },
};

function parseTimestamp(text: string): number {
  try {
    return parseMqadminTimestamp(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A condensed MessageExt.toString(). */
function messageString(message: MessageExt): string {
  return `MessageExt [queueId=${message.queueId}, storeSize=${message.storeSize}, queueOffset=${message.queueOffset}, sysFlag=${message.sysFlag}, bornTimestamp=${message.bornTimestamp}, bornHost=${message.bornHost}, storeTimestamp=${message.storeTimestamp}, storeHost=${message.storeHost}, msgId=${message.msgId}, commitLogOffset=${message.commitLogOffset}, bodyCRC=${message.bodyCRC}, reconsumeTimes=${message.reconsumeTimes}, preparedTransactionOffset=${message.preparedTransactionOffset}, toString()=Message{topic='${message.topic}', flag=${message.flag}, properties=${javaMapString(message.properties)}}]`;
}

export const decodeMessageId: CommandSpec = {
  name: 'DecodeMessageId',
  description: 'decode unique message ID',
  options: [{ short: 'i', long: 'messageId', hasArg: true, required: true, description: 'unique message ID' }],
  needsNamesrv: false,
  async run({ options, output }) {
    const id = options.require('i');
    output.out(`ip=${uniqueIdIp(id)}`);
    output.out(`date=${formatDateTimeMillis(uniqueIdTimestamp(id))}`);
    output.out('\n');
  },
};
