import { describe, expect, it } from 'vitest';
import { runMqadmin } from '../../broker-core/cli/mqadmin';
import { formatUsage, parseOptions, UsageError } from '../../broker-core/cli/mqadmin/command';
import { formatDateTimeMillis, frontStringAtLeast, javaFormat, parseMqadminTimestamp } from '../../broker-core/cli/mqadmin/java-format';
import { updateTopic } from '../../broker-core/cli/mqadmin/topic-commands';

/** mqadmin's pieces that need no server: the printf subset, option parsing, usage, exit codes. */
describe('javaFormat (java.util.Formatter subset)', () => {
  it('pads like Java printf', () => {
    expect(javaFormat('%-8s|%4s|%-4d|%4d|%n', 'ab', 'cd', 7, 42)).toBe('ab      |  cd|7   |  42|\n');
    expect(javaFormat('%04d  %s', 3, null)).toBe('0003  null');
    expect(javaFormat('%.2f %9.2f %.4f', 1.005, 3.14159, 0.5)).toBe('1.00      3.14 0.5000');
    expect(javaFormat('%-20d%%', -5)).toBe('-5                  %');
    expect(javaFormat('%2s', 'longer')).toBe('longer');
  });

  it('frontStringAtLeast cuts, despite its name', () => {
    expect(frontStringAtLeast('abcdef', 3)).toBe('abc');
    expect(frontStringAtLeast('ab', 3)).toBe('ab');
  });

  it('reads resetOffsetByTime timestamps: now, epoch ms, yyyy-MM-dd#HH:mm:ss:SSS', () => {
    expect(parseMqadminTimestamp('now')).toBe(-1);
    expect(parseMqadminTimestamp('1700000000000')).toBe(1700000000000);
    const local = parseMqadminTimestamp('2024-03-05#06:07:08:009');
    expect(formatDateTimeMillis(local)).toBe('2024-03-05#06:07:08:009');
    expect(() => parseMqadminTimestamp('yesterday')).toThrow(/yyyy-MM-dd#HH:mm:ss:SSS/);
  });
});

describe('option parsing', () => {
  it('accepts -t v, -tv, --topic v, --topic=v and flags', () => {
    const options = parseOptions(updateTopic, ['-tA', '--readQueueNums', '4', '--writeQueueNums=2', '-c', 'C', '-n', 'h:1']);
    expect(options.get('t')).toBe('A');
    expect(options.int('r')).toBe(4);
    expect(options.int('w')).toBe(2);
    expect(options.get('c')).toBe('C');
    expect(options.get('n')).toBe('h:1');
    expect(options.bool('o', false)).toBe(false);
  });

  it('refuses unknown options, missing values and missing required options', () => {
    expect(() => parseOptions(updateTopic, ['-t', 'A', '-c', 'C', '-z'])).toThrow(UsageError);
    expect(() => parseOptions(updateTopic, ['-c', 'C', '-t'])).toThrow(/Missing argument for option: t/);
    expect(() => parseOptions(updateTopic, ['-c', 'C'])).toThrow(/Missing required option: t/);
    expect(() => parseOptions(updateTopic, ['-t', 'A'])).toThrow(/\[-b -c\]/);
    expect(() => parseOptions(updateTopic, ['-t', 'A', '-c', 'C', '-r', 'four']).int('r')).toThrow(/expects an integer/);
  });

  it('prints usage in commons-cli layout', () => {
    const usage = formatUsage(updateTopic);
    expect(usage.split('\n')[0]).toBe('usage: mqadmin updateTopic [-b <arg>] [-c <arg>] [-h] [-n <arg>] [-o <arg>] [-p <arg>] [-r <arg>] [-s <arg>] -t <arg> [-u <arg>] [-w <arg>]');
    expect(usage).toMatch(/^ -t,--topic <arg>\s+topic name$/m);
  });
});

describe('runMqadmin exit codes', () => {
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    const code = await runMqadmin(argv, { out: (text) => (out += text), err: (text) => (err += text) }, env);
    return { code, out, err };
  };

  it('lists the commands and shows help', async () => {
    const list = await run([]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('updateTopic');
    expect(list.out).toContain('consumerProgress');
    const help = await run(['help', 'topicStatus']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage: mqadmin topicStatus');
  });

  it('fails with 1 and a reason for unknown commands, bad options and a missing nameserver', async () => {
    expect((await run(['nope'])).code).toBe(1);
    const bad = await run(['topicStatus', '-x']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('Unrecognized option: -x');
    const noNamesrv = await run(['topicStatus', '-t', 'T']);
    expect(noNamesrv.code).toBe(1);
    expect(noNamesrv.err).toContain('NAMESRV_ADDR');
    const badAddr = await run(['topicStatus', '-t', 'T', '-n', 'host-without-port']);
    expect(badAddr.code).toBe(1);
    expect(badAddr.err).toContain('missing :port');
  });

  it('decodes a unique message id without a cluster', async () => {
    // 127.0.0.1, pid 1, hash 0, 1000 ms into the month, counter 0.
    const result = await run(['DecodeMessageId', '-i', '7F000001' + '0001' + '00000000' + '000003E8' + '0000']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^ip=127\.0\.0\.1date=\d{4}-\d{2}-01#00:00:01:000\n$/);
  });
});
