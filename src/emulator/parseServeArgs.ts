import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './EmulatorOptions.ts';

/** The usage line of `lambda-conformance serve`. */
export const SERVE_USAGE =
  'usage: lambda-conformance serve [--host 127.0.0.1] [--port N] [--mutant NAME]... [--pending-ms N] [--update-ms N] [--version-ms N] [--reactivate-ms N] [--max-body-bytes N] [--image-pending-invoke allow|refuse]';

/** What the `serve` arguments ask for: options to start with, the usage text, or a one-line error. */
export type ServeArgs =
  | { readonly kind: 'serve'; readonly options: EmulatorOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  mutant: { type: 'string', multiple: true },
  'pending-ms': { type: 'string' },
  'update-ms': { type: 'string' },
  'version-ms': { type: 'string' },
  'reactivate-ms': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'image-pending-invoke': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const INTEGER_FLAGS = [
  ['port', 'port', 65535],
  ['pending-ms', 'pendingMs', 86_400_000],
  ['update-ms', 'updateMs', 86_400_000],
  ['version-ms', 'versionMs', 86_400_000],
  ['reactivate-ms', 'reactivateMs', 86_400_000],
  ['max-body-bytes', 'maxBodyBytes', 1024 * 1024 * 1024],
] as const;

class FlagError extends Error {}

function integer(flag: string, text: string, max: number): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n > max) {
    throw new FlagError(`--${flag} expects an integer from 0 to ${String(max)}, got '${text}'`);
  }
  return n;
}

function parserMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(text)?.[1];
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    return `unknown option ${flag}; expected one of ${Object.keys(OPTIONS)
      .map((k) => `--${k}`)
      .join(', ')}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
    return `option ${flag} expects a value, e.g. ${flag} 3000`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument ${/'([^']*)'/.exec(text)?.[1] ?? ''}; serve takes only options`;
  }
  return text.split('\n')[0] ?? text;
}

/**
 * Parses `lambda-conformance serve` flags with `node:util` `parseArgs`. Never throws: a bad flag or
 * value is a one-line `error` that names the flag and what it expects.
 */
export function parseServeArgs(args: readonly string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'error', message: parserMessage(error) };
  }
  if (values.help === true) return { kind: 'help' };
  try {
    const options: Record<string, unknown> = {};
    if (values.host !== undefined) options['host'] = values.host;
    if (values.mutant !== undefined) options['mutants'] = values.mutant;
    for (const [flag, key, max] of INTEGER_FLAGS) {
      const text = values[flag];
      if (text !== undefined) options[key] = integer(flag, text, max);
    }
    const pending = values['image-pending-invoke'];
    if (pending !== undefined) {
      if (pending !== 'allow' && pending !== 'refuse') {
        throw new FlagError(`--image-pending-invoke expects 'allow' or 'refuse', got '${pending}'`);
      }
      options['imagePendingInvoke'] = pending;
    }
    return { kind: 'serve', options: options };
  } catch (error) {
    if (error instanceof FlagError) return { kind: 'error', message: error.message };
    throw error;
  }
}
