import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';

/** @internal How a child CLI process ended: its exit code, or the signal that killed it. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** @internal The real CLI running in a child process (`bin/lambda-conformance.mjs`). */
export interface ChildCli {
  readonly pid: number | undefined;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Everything written to standard output so far. */
  stdout(): string;
  /** Sends `signal` to the child. */
  kill(signal: NodeJS.Signals): void;
  /** The exit, or undefined when the child has not exited within `ms`. */
  exitWithin(ms: number): Promise<ChildExit | undefined>;
  /** Kills the child (SIGKILL) when it still runs: for a test's `finally`. */
  dispose(): void;
}

/**
 * @internal Spawns `lambda-conformance ...args` as a child process, with CI set (plain output), no
 * colour and the AWS SDK's Node version warning off.
 */
export function spawnCli(args: readonly string[]): ChildCli {
  const child = spawn(process.execPath, ['bin/lambda-conformance.mjs', ...args], {
    env: {
      ...process.env,
      CI: '1',
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise<ChildExit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid,
    stderr: () => stderr,
    stdout: () => stdout,
    kill: (signal) => child.kill(signal),
    exitWithin: (ms) =>
      Promise.race([
        exited,
        new Promise<undefined>((resolve) => setTimeout(resolve, ms, undefined)),
      ]),
    dispose: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** @internal Waits (polling) until `file` exists and is not empty; false after `ms`. */
export async function fileFilled(file: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const size = await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 0) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
