import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NamesrvClient } from '../../client/namesrv-client';
import { RemotingClient } from '../../remoting/remoting-client';
import { runNamesrvCli, type CliOutput } from '../mqnamesrv';

/** The mqnamesrv CLI in-process: everything but signals and process exit (those are tested on the real bin). */
const dir = mkdtempSync(join(tmpdir(), 'mqnamesrv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliOutput & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

describe('mqnamesrv (in-process)', () => {
  it('starts from a -c file plus overrides, announces itself, writes its PID file next to kvConfigPath', async () => {
    const config = join(dir, 'namesrv.properties');
    writeFileSync(
      config,
      `listenPort=1\nlistenHost=127.0.0.1\nkvConfigPath=${join(dir, 'kv', 'kvConfig.json')}\nlistenPrt=2\n`,
    );
    const io = capture();
    const result = await runNamesrvCli(['-c', config, 'listenPort=0'], io);
    if (!('handle' in result)) throw new Error(`did not start: ${io.stderr.join('\n')}`);
    try {
      expect(io.stdout[0]).toBe(`load config properties file OK, ${config}`);
      expect(io.stdout[1]).toBe(
        `The Name Server boot success. serializeType=JSON, address 127.0.0.1:${result.handle.port}`,
      );
      expect(io.stderr).toEqual([
        `mqnamesrv: warning: ${config}: unknown key 'listenPrt' ignored (did you mean 'listenPort'?)`,
      ]);
      expect(result.pidFile).toBe(join(dir, 'kv', 'namesrv.pid'));
      expect(readFileSync(result.pidFile, 'utf8')).toBe(`${process.pid}\n`);
      expect(result.handle.config.configStorePath).toBe(config);
      const remoting = new RemotingClient();
      try {
        const info = await new NamesrvClient(remoting, [result.handle.address]).getBrokerClusterInfo();
        expect(info).toEqual({ brokerAddrTable: {}, clusterAddrTable: {} });
      } finally {
        await remoting.close();
      }
    } finally {
      await result.handle.shutdown();
    }
  });

  it('prints every key with -p and exits 0 without listening', async () => {
    const io = capture();
    expect(await runNamesrvCli(['-p', 'listenPort=9999', 'orderMessageEnable=true'], io)).toEqual({ exitCode: 0 });
    const printed = io.stdout.join('\n');
    expect(printed).toContain('listenPort=9999\n');
    expect(printed).toContain('orderMessageEnable=true\n');
    expect(printed).toMatch(/^rocketmqHome=/);
  });

  it('exits 1 naming the key for a bad value, and on usage errors', async () => {
    const bad = capture();
    expect(await runNamesrvCli(['listenPort=abc'], bad)).toEqual({ exitCode: 1 });
    expect(bad.stderr).toEqual(["mqnamesrv: command line: invalid value for 'listenPort': 'abc' is not an integer"]);
    const usage = capture();
    expect(await runNamesrvCli(['--bogus'], usage)).toEqual({ exitCode: 1 });
    expect(usage.stderr[0]).toMatch(/^mqnamesrv: unknown option --bogus\nusage: mqnamesrv/);
    const missing = capture();
    expect(await runNamesrvCli(['-c', join(dir, 'nope.properties')], missing)).toEqual({ exitCode: 1 });
    expect(missing.stderr[0]).toMatch(/cannot read config file .*nope\.properties/);
    const help = capture();
    expect(await runNamesrvCli(['-h'], help)).toEqual({ exitCode: 0 });
    expect(help.stdout[0]).toMatch(/^usage: mqnamesrv/);
  });
});
