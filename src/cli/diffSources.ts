import { HarnessError } from '../errors/HarnessError.ts';
import type { LiveSide } from '../diff/DiffSide.ts';
import type { DiffSource } from '../diff/diffTargets.ts';
import type { Spec } from '../spec/Spec.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import { openTarget } from '../connect/openTarget.ts';
import { applyTargetFlags, type TargetFlags } from '../run/targetFlags.ts';
import { unobservableFieldsOf } from '../targets/unobservableFields.ts';
import type { Capabilities, Timing } from '../targets/Target.ts';
import { excerpt } from '../errors/excerpt.ts';

/** A `diff --target` value, parsed. */
export type DiffTargetSpec =
  | { readonly kind: 'memory'; readonly mutants: readonly string[] }
  | { readonly kind: 'emulator'; readonly mutants: readonly string[] }
  | { readonly kind: 'endpoint'; readonly url: string }
  | { readonly kind: 'trace'; readonly file: string };

/** Delays of the emulator a diff starts, and the timing simulations use against a real-time side. */
export const REAL_TIME_TIMING: Timing = {
  provisionMs: 200,
  updateMs: 200,
  versionMs: 500,
  reactivateMs: 2000,
};

const FORMS =
  'memory, memory:<mutant>[,<mutant>], emulator, emulator:<mutant>[,<mutant>], http(s)://host:port or trace:FILE.jsonl';

function mutantsOf(rest: string | undefined): string[] {
  return (rest ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

/** Parses one `--target` value of `diff`; a bad one is a HarnessError naming the accepted forms. */
export function parseDiffTarget(text: string): DiffTargetSpec {
  if (/^https?:\/\/\S+$/.test(text)) return { kind: 'endpoint', url: text };
  const colon = text.indexOf(':');
  const head = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? undefined : text.slice(colon + 1);
  if (head === 'memory' || head === 'emulator') return { kind: head, mutants: mutantsOf(rest) };
  if (head === 'trace' && rest !== undefined && rest !== '') return { kind: 'trace', file: rest };
  throw new HarnessError(
    'BAD_FLAG',
    `--target: '${excerpt(text)}' is not a diff target; expected ${FORMS}.`,
  );
}

/** A live diff side ready to run, what its target supports, and how to release it. */
export interface OpenedSource {
  readonly source: DiffSource;
  readonly capabilities: Capabilities;
  dispose(): Promise<void>;
}

/** The target flags of `run` a diff applies to its aws sides (the emulator and endpoints). */
export type DiffTargetFlags = Pick<TargetFlags, 'role' | 'region' | 'events'>;

/**
 * Opens one live side of a diff: starts its emulator or checks its endpoint. The target flags
 * apply to the aws sides as `run` applies them; an event mapping (`--events`) only to endpoint
 * sides, since the built-in emulator maps its events to its own control API.
 */
export async function openDiffSource(
  spec: Exclude<DiffTargetSpec, { kind: 'trace' }>,
  name: string,
  ctx: {
    readonly spec: Spec;
    readonly reading: string;
    readonly signal?: AbortSignal;
    readonly flags?: DiffTargetFlags;
  },
): Promise<OpenedSource> {
  const { events, ...awsFlags } = ctx.flags ?? {};
  const base: ScenarioTarget =
    spec.kind === 'memory'
      ? { name: 'memory', mutants: spec.mutants }
      : spec.kind === 'emulator'
        ? {
            name: 'aws',
            endpoint: 'emulator',
            mutants: spec.mutants,
            emulator: {
              pendingMs: REAL_TIME_TIMING.provisionMs,
              updateMs: REAL_TIME_TIMING.updateMs,
            },
          }
        : { name: 'aws', endpoint: spec.url };
  const options =
    spec.kind === 'memory'
      ? base
      : await applyTargetFlags(base, {
          ...awsFlags,
          ...(spec.kind === 'endpoint' && events !== undefined ? { events } : {}),
        });
  const opened = await openTarget(options, ctx.reading);
  try {
    await opened.preflight();
  } catch (error) {
    await opened.dispose();
    throw error;
  }
  const { capabilities } = opened.target;
  const side: LiveSide = {
    spec: ctx.spec,
    reading: ctx.reading,
    target: opened.target,
    unobservable: new Set(unobservableFieldsOf(capabilities)),
    ...(ctx.signal !== undefined ? { signal: ctx.signal } : {}),
  };
  return { source: { kind: 'live', name, side }, capabilities, dispose: () => opened.dispose() };
}
