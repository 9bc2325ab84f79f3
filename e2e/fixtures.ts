import { test as base } from '@playwright/test';
import { NamesrvClient } from '../broker-core/client/namesrv-client';
import { RemotingClient } from '../broker-core/remoting/remoting-client';
import { readConsoleEnv, type ConsoleEnv } from './support/console-env';

/**
 * The specs' fixtures: baseURL of the console started by global-setup.ts, and a NamesrvClient of our own
 * (broker-core, over TCP) talking to its embedded nameserver the way a broker does.
 */
export interface ConsoleFixtures {
  consoleEnv: ConsoleEnv;
  namesrv: NamesrvClient;
}

export const test = base.extend<ConsoleFixtures>({
  consoleEnv: async ({}, provide) => {
    await provide(readConsoleEnv());
  },
  baseURL: async ({ consoleEnv }, provide) => {
    await provide(consoleEnv.baseURL);
  },
  namesrv: async ({ consoleEnv }, provide) => {
    // The nameserver drops a broker when the connection it registered on closes, so this client lives for the test.
    const remoting = new RemotingClient({ name: 'e2e-broker' });
    await provide(new NamesrvClient(remoting, [consoleEnv.namesrvAddr]));
    await remoting.close();
  },
});

export { expect } from '@playwright/test';
