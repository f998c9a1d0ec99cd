import { allowedCommands, maxTourLength } from '../commands/buildCommands.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Tour } from '../commands/plannedPrefix.ts';
import { loadedKey } from '../spec/loadSpec.ts';
import { cachedParse, READER_FOLDERS } from '../spec/parseCache.ts';
import type { Spec } from '../spec/Spec.ts';
import { toursOfRun, type RunTourOptions } from './planTours.ts';

/**
 * Planning a run's tours searches the spec's abstract states: 300–700 ms, most of a one-run
 * command. This keeps the tours planned in the parse cache (`parseCache.ts`, same folder, same
 * `LAMBDA_CONFORMANCE_CACHE=off` switch), keyed by everything they depend on: the spec as loaded
 * (its text's hash and file, {@link loadedKey}), the reading, the target's capabilities, the
 * commands the weights allow and the tour length, and the code that plans them (the folders
 * below).
 */

/** The folders of `src/` whose code the tours depend on: the reading code, and the planner's. */
const PLANNER_FOLDERS: readonly string[] = [...READER_FOLDERS, 'monitor', 'runner', 'commands'];

/** Tours prepared (from the cache, or planned) in this process, per spec and options key. */
const prepared = new WeakMap<Spec, Map<string, readonly Tour[]>>();

/** What the tours of a run depend on besides the spec, as one key (as `toursFor` keys them). */
function optionsKey(spec: Spec, options: RunTourOptions): string {
  const allowed = allowedCommands(spec, options.weights, options.capabilities.virtualTime);
  return JSON.stringify([
    options.reading,
    options.capabilities,
    maxTourLength(options.maxCommands),
    [...allowed].sort(),
  ]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCommand(value: unknown): value is HarnessCommand {
  if (!isRecord(value)) return false;
  switch (value['kind']) {
    case 'op': {
      const op = value['op'];
      return (
        isRecord(op) &&
        typeof op['name'] === 'string' &&
        typeof op['fn'] === 'string' &&
        isRecord(op['args'])
      );
    }
    case 'wait':
      return typeof value['ms'] === 'number';
    case 'settle':
      return true;
    case 'inject':
      return typeof value['event'] === 'string' && typeof value['fn'] === 'string';
    default:
      return false;
  }
}

/** Whether a cache entry has the shape of planned tours. */
function isTours(value: unknown): value is readonly Tour[] {
  return (
    Array.isArray(value) &&
    value.every(
      (t: unknown) =>
        isRecord(t) &&
        Array.isArray(t['commands']) &&
        t['commands'].every(isCommand) &&
        Array.isArray(t['targets']) &&
        t['targets'].every((id: unknown) => typeof id === 'string'),
    )
  );
}

function remember(spec: Spec, key: string, tours: readonly Tour[]): readonly Tour[] {
  let perSpec = prepared.get(spec);
  if (perSpec === undefined) {
    perSpec = new Map();
    prepared.set(spec, perSpec);
  }
  perSpec.set(key, tours);
  return tours;
}

/**
 * The tours of a run ({@link toursOfRun}), from the cache on disk when this code planned them
 * before for the same spec content and options, else planned and stored. Afterwards
 * {@link cachedToursOfRun} answers them at once in this process.
 */
export async function prepareToursOfRun(
  spec: Spec,
  options: RunTourOptions,
): Promise<readonly Tour[]> {
  const key = optionsKey(spec, options);
  const known = prepared.get(spec)?.get(key);
  if (known !== undefined) return known;
  // Only a spec as loaded is kept: what its value follows from is known (its text's hash and file).
  // One derived in memory (a scenario's `bounds`, each spec mutant of `mutants --spec`: same hash,
  // other content) is planned in the process, and never floods the cache's few entries.
  const specAs = loadedKey(spec);
  const plan = (): readonly Tour[] => toursOfRun(spec, options);
  const tours =
    specAs === undefined
      ? plan()
      : await cachedParse(
          'tours',
          [specAs, key],
          () => Promise.resolve(plan()),
          isTours,
          PLANNER_FOLDERS,
        );
  return remember(spec, key, tours);
}

/**
 * The tours of a run: those {@link prepareToursOfRun} prepared for this spec and options, else
 * planned now ({@link toursOfRun}, memoised).
 */
export function cachedToursOfRun(spec: Spec, options: RunTourOptions): readonly Tour[] {
  return prepared.get(spec)?.get(optionsKey(spec, options)) ?? toursOfRun(spec, options);
}
