/** The AWS SDK's switch for its Node.js-version support warning. */
export const NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Constructs an AWS SDK client without the SDK's warning that it will soon need a newer Node.js:
 * the harness's users did not choose the SDK, and the warning would land in their test output.
 * The SDK reads the switch while a client is constructed, so it is set for that moment only and
 * then removed, leaving the caller's environment as it was; a value the user set is kept (so
 * `…=false` still shows the warning). The SDK warns at most once per process, so the user's own
 * clients built later warn no more either.
 */
export function withoutNodeVersionWarning<T>(construct: () => T): T {
  if (process.env[NODE_VERSION_WARNING_SWITCH] !== undefined) return construct();
  process.env[NODE_VERSION_WARNING_SWITCH] = 'true';
  try {
    return construct();
  } finally {
    delete process.env[NODE_VERSION_WARNING_SWITCH];
  }
}
