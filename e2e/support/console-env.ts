/**
 * How global-setup.ts tells the specs (and global-teardown.ts) where the console runs. Environment variables set in
 * global setup reach every worker.
 */
export interface ConsoleEnv {
  /** http://127.0.0.1:<port> */
  baseURL: string;
  /** 127.0.0.1:<port> of the embedded nameserver. */
  namesrvAddr: string;
  /** 127.0.0.1:<port> of the embedded broker. */
  brokerAddr: string;
}

export const consoleEnvVars = {
  baseURL: 'E2E_BASE_URL',
  namesrvAddr: 'E2E_NAMESRV_ADDR',
  brokerAddr: 'E2E_BROKER_ADDR',
  pid: 'E2E_CONSOLE_PID',
  dir: 'E2E_CONSOLE_DIR',
} as const;

export function readConsoleEnv(): ConsoleEnv {
  const baseURL = process.env[consoleEnvVars.baseURL];
  const namesrvAddr = process.env[consoleEnvVars.namesrvAddr];
  const brokerAddr = process.env[consoleEnvVars.brokerAddr];
  if (!baseURL || !namesrvAddr || !brokerAddr) throw new Error(`${consoleEnvVars.baseURL} / ${consoleEnvVars.namesrvAddr} are unset: run the specs with \`npx playwright test\` so global-setup.ts starts the console`);
  return { baseURL, namesrvAddr, brokerAddr };
}
