/**
 * The Lambda runtime a Zip function the harness creates runs on. The conformance handler is a
 * Node.js module (src/targets/handler/), so only Node.js runtime identifiers fit.
 */

/**
 * The runtime used when a scenario (`target.runtime`) and the command line (`--runtime`) name none:
 * a Node.js runtime AWS accepts for new functions. Node.js 24 and later run async handlers only
 * (callback handlers were removed), which the conformance handler is.
 */
export const DEFAULT_RUNTIME = 'nodejs24.x';

/** What a runtime identifier must look like: `nodejs` + a major version + `.x`. */
export const RUNTIME_PATTERN = /^nodejs[1-9]\d*\.x$/;

/** What a runtime must be, in messages. */
export const RUNTIME_EXPECTED = `a Node.js runtime identifier such as ${DEFAULT_RUNTIME} or nodejs22.x`;

/** Whether `text` is a Node.js runtime identifier (`nodejs24.x`). */
export function isNodeRuntime(text: string): boolean {
  return RUNTIME_PATTERN.test(text);
}
