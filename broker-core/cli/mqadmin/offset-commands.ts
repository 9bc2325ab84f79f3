import { resetOffsetByTime } from '../../client/admin/offset-reset';
import type { CommandSpec } from './command';
import { UsageError } from './command';
import { frontStringAtLeast, javaFormat, parseMqadminTimestamp } from './java-format';

/** resetOffsetByTime (tools/command/offset/ResetOffsetByTimeCommand + the Old fallback's output). */
export const resetOffsetByTimeCommand: CommandSpec = {
  name: 'resetOffsetByTime',
  description: 'Reset consumer offset by timestamp(without client restart).',
  options: [
    { short: 'g', long: 'group', hasArg: true, required: true, description: 'set the consumer group' },
    { short: 't', long: 'topic', hasArg: true, required: true, description: 'set the topic' },
    { short: 's', long: 'timestamp', hasArg: true, required: true, description: 'set the timestamp[now|currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]' },
    { short: 'f', long: 'force', hasArg: true, description: 'set the force rollback by timestamp switch[true|false]' },
    { short: 'c', long: 'cplus', hasArg: false, description: 'reset c++ client offset' },
  ],
  async run({ options, output, admin }) {
    const group = options.require('g');
    const topic = options.require('t');
    const text = options.require('s');
    let timestamp: number;
    try {
      timestamp = parseMqadminTimestamp(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const force = options.get('f') === undefined ? true : options.bool('f', true);
    const result = await resetOffsetByTime(admin(), topic, group, timestamp, force);
    if (result.mode === 'online') {
      output.out(
        javaFormat(
          'rollback consumer offset by specified group[%s], topic[%s], force[%s], timestamp(string)[%s], timestamp(long)[%s]%n',
          group,
          topic,
          force,
          text,
          timestamp,
        ),
      );
      output.out(javaFormat('%-40s  %-40s  %-40s%n', '#brokerName', '#queueId', '#offset'));
      for (const { messageQueue, value } of result.offsets) {
        output.out(javaFormat('%-40s  %-40d  %-40d%n', frontStringAtLeast(messageQueue.brokerName, 32), messageQueue.queueId, value));
      }
      return;
    }
    output.out(
      javaFormat(
        'rollback consumer offset by specified consumerGroup[%s], topic[%s], force[%s], timestamp(string)[%s], timestamp(long)[%s]%n',
        group,
        topic,
        force,
        text,
        timestamp,
      ),
    );
    output.out(javaFormat('%-20s  %-20s  %-20s  %-20s  %-20s  %-20s%n', '#brokerName', '#queueId', '#brokerOffset', '#consumerOffset', '#timestampOffset', '#rollbackOffset'));
    for (const stats of result.rollback) {
      output.out(
        javaFormat(
          '%-20s  %-20d  %-20d  %-20d  %-20d  %-20d%n',
          frontStringAtLeast(stats.brokerName, 32),
          stats.queueId,
          stats.brokerOffset,
          stats.consumerOffset,
          stats.timestampOffset,
          stats.rollbackOffset,
        ),
      );
    }
  },
};
