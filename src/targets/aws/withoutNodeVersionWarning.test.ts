import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NODE_VERSION_WARNING_SWITCH as SWITCH,
  withoutNodeVersionWarning,
} from './withoutNodeVersionWarning.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const WARNING = 'NodeVersionSupportWarning';

/** stderr of a fresh Node process running `script` (ESM, TypeScript through tsx) without the switch. */
function stderrOf(script: string): string {
  // Any request the SDK might send goes to a closed port on this machine, never to AWS.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  delete env[SWITCH];
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  expect(child.status, child.stderr).toBe(0);
  return child.stderr;
}

describe('withoutNodeVersionWarning', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[SWITCH];
    delete process.env[SWITCH];
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[SWITCH];
    else process.env[SWITCH] = saved;
  });

  it('sets the switch only while the client is constructed', () => {
    const during = withoutNodeVersionWarning(() => process.env[SWITCH]);
    expect(during).toBe('true');
    expect(process.env[SWITCH]).toBeUndefined();
    expect(() =>
      withoutNodeVersionWarning(() => {
        throw new Error('bad config');
      }),
    ).toThrow('bad config');
    expect(process.env[SWITCH]).toBeUndefined();
  });

  it("keeps the user's own value", () => {
    process.env[SWITCH] = 'false';
    expect(withoutNodeVersionWarning(() => process.env[SWITCH])).toBe('false');
    expect(process.env[SWITCH]).toBe('false');
  });

  it("the harness's clients print no SDK warning where a plain client does", () => {
    // The SDK warns on Node.js < 22; on newer Node.js neither process may print it.
    const sdkWarns = Number(process.versions.node.split('.')[0]) < 22;
    const plain = stderrOf(
      "import { LambdaClient } from '@aws-sdk/client-lambda'; new LambdaClient({ region: 'us-east-1' }).destroy();",
    );
    expect(plain.includes(WARNING)).toBe(sdkWarns);
    const harness = stderrOf(
      [
        "import { createLambdaClient } from './src/targets/aws/createLambdaClient.ts';",
        "import { stsCallerAccount } from './src/targets/aws/checkAccount.ts';",
        "createLambdaClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }).destroy();",
        "await stsCallerAccount({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, callTimeoutMs: 5000 }).catch(() => undefined);",
      ].join('\n'),
    );
    expect(harness).not.toContain(WARNING);
  });
});
