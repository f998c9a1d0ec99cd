import type { LambdaClientConfig } from '@aws-sdk/client-lambda';
import { HarnessError } from '../../errors/HarnessError.ts';
import { EVENT_NAMES } from '../../lambda/catalogue.ts';
import type { EventName } from '../../lambda/catalogue.ts';
import { DEFAULT_RUNTIME, isNodeRuntime, RUNTIME_EXPECTED } from '../../lambda/runtime.ts';
import { MAX_TIMER_MS } from '../../text/duration.ts';
import { excerpt } from '../../errors/excerpt.ts';

/** An HTTP request that makes an emulator inject an environment event; strings are templates. */
export interface EventRequest {
  readonly method: string;
  /** May contain `{functionName}`, `{functionArn}`, `{region}`, `{event}`. */
  readonly url: string;
  /** JSON body; every string inside may contain the same placeholders. */
  readonly body?: unknown;
}

/** How the aws target retries infrastructure trouble (see `LambdaCaller`). */
export interface RetryOptions {
  /** Attempts per call, the first included; default 4. */
  readonly maxAttempts?: number;
  /** First backoff ceiling (ms), doubled per retry, full jitter; default 200. */
  readonly baseDelayMs?: number;
  /** Largest backoff (ms), `Retry-After` included; default 5000. */
  readonly maxDelayMs?: number;
}

/**
 * Options of the `aws` target, as a scenario (`ScenarioTarget`) or a test gives them. Every field is
 * optional; {@link resolveAwsTargetOptions} applies the defaults once.
 */
export interface AwsTargetOptions {
  /** Lambda endpoint (an emulator); else env `AWS_ENDPOINT_URL_LAMBDA`, then `AWS_ENDPOINT_URL`. */
  readonly endpoint?: string;
  /** Else env `AWS_REGION`; `us-east-1` for a custom endpoint, the SDK's chain for real AWS. */
  readonly region?: string;
  readonly profile?: string;
  /** Execution role ARN for created functions; required on real AWS. */
  readonly role?: string;
  /** Runtime of the Zip functions the target creates; a Node.js runtime, default `nodejs24.x`. */
  readonly runtime?: string;
  /** Real AWS: the account ids a run may touch; any other account is refused by `preflight`. */
  readonly allowAccounts?: readonly string[];
  /** Most Lambda API requests (retries included) all sessions of the target may send. */
  readonly maxApiCalls?: number;
  /** Image URIs of code revisions 1..n; enables Image functions. */
  readonly imageUris?: readonly string[];
  /** Environment events as HTTP requests on an emulator's control API. */
  readonly events?: Readonly<Record<string, EventRequest>>;
  /** Whether invocations run the deployed handler; default true. */
  readonly observesCode?: boolean;
  /** Per-request timeout (ms); default 30000. */
  readonly callTimeoutMs?: number;
  /**
   * How long (ms) a session's cleanup keeps retrying the deletes of its functions; default 30000.
   * Counted from when the endpoint stopped answering, so one that is gone costs one round only.
   */
  readonly cleanupTimeoutMs?: number;
  /** First part of every function name; default `lc`. */
  readonly namePrefix?: string;
  /** Explicit credentials (tests); a custom endpoint without any falls back to dummy ones. */
  readonly credentials?: LambdaClientConfig['credentials'];
  readonly retry?: RetryOptions;
  /** @internal Replaces STS GetCallerIdentity, so tests never reach AWS. */
  readonly getCallerAccount?: () => Promise<string>;
  /** @internal Backoff sleep; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @internal Environment to read `AWS_*` variables from; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** {@link AwsTargetOptions} with defaults applied and values checked. */
export interface ResolvedAwsTargetOptions {
  /** `undefined` means real AWS. */
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly profile: string | undefined;
  readonly role: string | undefined;
  readonly runtime: string;
  readonly allowAccounts: readonly string[];
  readonly maxApiCalls: number;
  readonly imageUris: readonly string[];
  readonly events: ReadonlyMap<EventName, EventRequest>;
  readonly observesCode: boolean;
  readonly callTimeoutMs: number;
  readonly cleanupTimeoutMs: number;
  readonly namePrefix: string;
  readonly credentials: LambdaClientConfig['credentials'];
  readonly retry: Required<RetryOptions>;
  readonly getCallerAccount: (() => Promise<string>) | undefined;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Credentials for emulators that check none: never valid on AWS.
 *
 * @internal Exported for tests only.
 */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } as const;

function invalid(message: string): HarnessError {
  return new HarnessError('INVALID_AWS_TARGET_OPTION', message);
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? '≥ 1' : `from 1 to ${String(max)}`;
    throw invalid(`aws target option ${name} is ${String(n)}; give a whole number ${range}`);
  }
  return n;
}

function checkEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined || endpoint === '') return undefined;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid(
      `aws target endpoint '${excerpt(endpoint)}' is not a URL; use e.g. http://127.0.0.1:4566`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`aws target endpoint '${excerpt(endpoint)}' must be an http:// or https:// URL`);
  }
  return endpoint.replace(/\/+$/, '');
}

function checkEvents(events: AwsTargetOptions['events']): ReadonlyMap<EventName, EventRequest> {
  const out = new Map<EventName, EventRequest>();
  for (const [name, request] of Object.entries(events ?? {})) {
    const event = EVENT_NAMES.find((e) => e === name);
    if (event === undefined) {
      throw invalid(
        `aws target events: unknown event '${excerpt(name)}'; use ${EVENT_NAMES.join(', ')}`,
      );
    }
    if (typeof request.method !== 'string' || typeof request.url !== 'string') {
      throw invalid(`aws target events.${name} needs a method and a url`);
    }
    out.set(event, request);
  }
  return out;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Applies the defaults, endpoint and region precedence, and rejects bad values by name. */
export function resolveAwsTargetOptions(options: AwsTargetOptions = {}): ResolvedAwsTargetOptions {
  const env = options.env ?? process.env;
  const endpoint = checkEndpoint(
    options.endpoint ?? env['AWS_ENDPOINT_URL_LAMBDA'] ?? env['AWS_ENDPOINT_URL'],
  );
  const region =
    options.region ?? env['AWS_REGION'] ?? (endpoint === undefined ? undefined : 'us-east-1');
  const namePrefix = options.namePrefix ?? 'lc';
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(namePrefix)) {
    throw invalid(
      `aws target namePrefix '${excerpt(namePrefix)}' must be 1-24 letters, digits, - or _`,
    );
  }
  const runtime = options.runtime ?? DEFAULT_RUNTIME;
  if (!isNodeRuntime(runtime)) {
    throw invalid(`aws target runtime '${excerpt(runtime)}' is not ${RUNTIME_EXPECTED}`);
  }
  const imageUris = options.imageUris ?? [];
  if (imageUris.some((uri) => typeof uri !== 'string' || uri === '')) {
    throw invalid('aws target imageUris must be non-empty strings, one per code revision');
  }
  const useDummy =
    endpoint !== undefined &&
    options.credentials === undefined &&
    options.profile === undefined &&
    env['AWS_ACCESS_KEY_ID'] === undefined &&
    env['AWS_PROFILE'] === undefined;
  const retry = options.retry ?? {};
  return {
    endpoint,
    region,
    profile: options.profile,
    role: options.role,
    runtime,
    allowAccounts: [...(options.allowAccounts ?? [])],
    maxApiCalls: positiveInteger('maxApiCalls', options.maxApiCalls, Number.MAX_SAFE_INTEGER),
    imageUris: [...imageUris],
    events: checkEvents(options.events),
    observesCode: options.observesCode ?? true,
    // Timers wait at most MAX_TIMER_MS: a longer timeout would fire at once.
    callTimeoutMs: positiveInteger('callTimeoutMs', options.callTimeoutMs, 30_000, MAX_TIMER_MS),
    cleanupTimeoutMs: positiveInteger(
      'cleanupTimeoutMs',
      options.cleanupTimeoutMs,
      30_000,
      MAX_TIMER_MS,
    ),
    namePrefix,
    credentials: useDummy ? DUMMY_CREDENTIALS : options.credentials,
    retry: {
      maxAttempts: positiveInteger('retry.maxAttempts', retry.maxAttempts, 4),
      baseDelayMs: positiveInteger('retry.baseDelayMs', retry.baseDelayMs, 200, MAX_TIMER_MS),
      maxDelayMs: positiveInteger('retry.maxDelayMs', retry.maxDelayMs, 5000, MAX_TIMER_MS),
    },
    getCallerAccount: options.getCallerAccount,
    sleep: options.sleep ?? defaultSleep,
  };
}
