import { buildHandlerZip } from './buildHandlerZip.ts';
import { codeFromImageUri } from './imageUri.ts';
import { runHandler } from './runHandler.ts';
import type { HandlerResult } from './runHandler.ts';

/**
 * Runs the conformance handler an image function would run: the image's `:c<N>` tag names the
 * code revision, and the answer is the same `{"code":N,"config":…}` as the zip handler's, with
 * `env` as the function's environment. An image URI without such a tag cannot have come from
 * `imageUriFor`, so the invocation fails like a container whose entry point cannot start.
 */
export function runImageHandler(
  imageUri: string,
  env: Readonly<Record<string, string>>,
  event: string,
): HandlerResult {
  const code = codeFromImageUri(imageUri);
  if (code === undefined) {
    return {
      payload: JSON.stringify({
        errorType: 'Runtime.InvalidEntrypoint',
        errorMessage: `image ${imageUri} has no conformance tag ':c<N>'`,
      }),
      functionError: 'Unhandled',
    };
  }
  return runHandler(buildHandlerZip(code), env, event);
}
