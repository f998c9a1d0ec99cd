import { applyTargetFlags, type TargetFlags } from '../run/targetFlags.ts';
import type { StoredTarget } from '../runner/Counterexample.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';

/** The built-in emulator's endpoint value (openAwsTarget's EMULATOR_ENDPOINT). */
const EMULATOR = 'emulator';

function isUrl(endpoint: string | undefined): endpoint is string {
  return endpoint !== undefined && endpoint !== EMULATOR;
}

/** Whether `url` is `base` or a path, query or fragment under it. */
function isUnder(url: string, base: string): boolean {
  return url.startsWith(base) && /^([/?#]|$)/.test(url.slice(base.length));
}

/** Event requests whose URL is under `from` are sent to the same place under `to` instead. */
function rebase(
  events: NonNullable<ScenarioTarget['events']>,
  from: string,
  to: string,
): NonNullable<ScenarioTarget['events']> {
  const base = from.replace(/\/+$/, '');
  const next = to.replace(/\/+$/, '');
  return Object.fromEntries(
    Object.entries(events).map(([event, request]) => [
      event,
      isUnder(request.url, base)
        ? { ...request, url: `${next}${request.url.slice(base.length)}` }
        : request,
    ]),
  );
}

/** The stored settings a replay starts from, before the flags: those that still apply. */
function baseOf(stored: StoredTarget, flags: TargetFlags, notes: string[]): ScenarioTarget {
  const settings: { -readonly [K in keyof StoredTarget]: StoredTarget[K] } = { ...stored };
  delete settings.endpointKind;
  if (flags.target !== undefined && flags.target !== stored.name) {
    // Another kind of target: only the mutants carry over (where they exist).
    return { name: flags.target, mutants: stored.mutants };
  }
  if (flags.endpoint === undefined || flags.endpoint === stored.endpoint) return settings;
  const { events, ...rest } = settings;
  if (events === undefined) return rest;
  if (isUrl(stored.endpoint) && isUrl(flags.endpoint)) {
    // The same emulator elsewhere: its control API moved with it.
    return { ...rest, events: rebase(events, stored.endpoint, flags.endpoint) };
  }
  if (flags.events === undefined)
    notes.push(
      `the recorded event mapping was for ${stored.endpoint ?? 'real AWS'}: not used on ${flags.endpoint}`,
    );
  return rest;
}

/**
 * The target settings of a replay: the ones the counterexample stored, with the target flags over
 * them, as `run` applies its flags over a scenario. Stored settings that belong to another target
 * are left out: all but the mutants when `--target` names another kind; the event mapping when
 * `--endpoint` moves to or from the built-in emulator (an event URL under the old endpoint URL
 * follows a new endpoint URL); the recorded mutants on an endpoint that is not the built-in
 * simulation. `notes` says what was left out.
 *
 * @throws ScenarioError when the `--events` file cannot be read or is not an event mapping.
 */
export async function replayTarget(
  stored: StoredTarget,
  flags: TargetFlags,
): Promise<{ readonly target: ScenarioTarget; readonly notes: readonly string[] }> {
  const notes: string[] = [];
  const target = await applyTargetFlags(baseOf(stored, flags, notes), flags);
  const simulated = target.name === 'memory' || target.endpoint === EMULATOR;
  const flagged = flags.mutants !== undefined && flags.mutants.length > 0;
  if (!simulated && !flagged && (target.mutants ?? []).length > 0) {
    notes.push(
      `the recorded mutants (${(target.mutants ?? []).join(', ')}) exist only in the built-in simulation: replaying without them`,
    );
    return { target: { ...target, mutants: [] }, notes };
  }
  return { target, notes };
}
