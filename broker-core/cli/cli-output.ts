/** Where the server CLIs (mqnamesrv, mqbroker, mqshutdown) print; tests pass their own to run them in-process. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Lines to the process's stdout / stderr. */
export const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
