import { excerpt } from '../errors/excerpt.ts';
import { ScenarioError } from '../errors/HarnessError.ts';
import type { Issue } from '../errors/HarnessError.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import type { Scenario } from './Scenario.ts';
import type { YPos } from './YNode.ts';
import { formatDuration } from '../text/duration.ts';

/** The names a run knows, to check a scenario's against; a name left out is not checked. */
export interface KnownNames {
  /** The spec's readings: checks the scenario's `reading`. */
  readonly readings?: Iterable<string>;
  /** The mutant catalogue: checks the scenario's `target.mutants`. */
  readonly mutants?: readonly string[];
  /** The reporter names: checks the scenario's `reporters`. */
  readonly reporters?: readonly string[];
  /**
   * The spec's transitions, id → documented time bound (ms; undefined for an event transition):
   * checks the scenario's `bounds`.
   */
  readonly transitions?: ReadonlyMap<string, number | undefined>;
}

const START: YPos = { line: 1, column: 1 };

/**
 * Checks the names a scenario file gives that the loader cannot know (its `reading` against the
 * spec, its `target.mutants` against the catalogue, its `reporters` against the registry, its
 * `bounds` against the spec's async transitions and their documented bounds) once the run knows
 * them. Unknown names are one
 * {@link ScenarioError} that locates each in the file (`file:line:col: scenario 'reading': …`), so
 * they are not mistaken for `--reading` or `--mutant` flags.
 */
export function checkScenarioNames(scenario: Scenario, known: KnownNames): void {
  const issues: Issue[] = [];
  const at = (pos: YPos | undefined): Pick<Issue, 'file' | 'line' | 'column'> => ({
    file: scenario.file,
    ...(pos ?? START),
  });
  const readings = known.readings === undefined ? undefined : [...known.readings];
  const { reading } = scenario;
  if (readings !== undefined && reading !== undefined && !readings.includes(reading)) {
    issues.push({
      code: 'unknown-reading',
      ...at(scenario.places?.reading),
      message: `scenario 'reading': the spec has no reading '${excerpt(reading)}'.`,
      hint: didYouMean(reading, readings) ?? 'The spec declares no readings.',
    });
  }
  const mutants = known.mutants;
  for (const [i, name] of (scenario.target.mutants ?? []).entries()) {
    if (mutants === undefined || mutants.includes(name)) continue;
    issues.push({
      code: 'bad-value',
      ...at(scenario.places?.mutants?.[i]),
      message: `scenario 'target.mutants': unknown mutant '${excerpt(name)}'.`,
      hint: `${didYouMean(name, mutants) ?? ''} Run 'lambda-conformance mutants --list' for the catalogue.`.trim(),
    });
  }
  const reporters = known.reporters;
  for (const [i, name] of (scenario.reporters ?? []).entries()) {
    if (reporters === undefined || reporters.includes(name.trim())) continue;
    issues.push({
      code: 'bad-value',
      ...at(scenario.places?.reporters?.[i]),
      message: `scenario 'reporters': unknown reporter '${excerpt(name)}'.`,
      hint: didYouMean(name, reporters) ?? 'The scenario may name no reporter.',
    });
  }
  if (known.transitions !== undefined) issues.push(...boundIssues(scenario, known.transitions));
  if (issues.length > 0) throw new ScenarioError(issues);
}

/** What is wrong with the scenario's `bounds`: unknown or event transitions, bounds not shorter. */
function boundIssues(
  scenario: Scenario,
  transitions: ReadonlyMap<string, number | undefined>,
): Issue[] {
  const asyncIds = [...transitions].filter(([, ms]) => ms !== undefined).map(([id]) => id);
  const issues: Issue[] = [];
  for (const [id, ms] of Object.entries(scenario.bounds ?? {})) {
    const pos = scenario.places?.bounds?.[id] ?? START;
    const at = { file: scenario.file, ...pos };
    const documented = transitions.get(id);
    if (!transitions.has(id)) {
      issues.push({
        code: 'bad-value',
        ...at,
        message: `scenario 'bounds': the spec has no transition '${excerpt(id)}'.`,
        hint: didYouMean(id, asyncIds) ?? `Async transitions: ${asyncIds.join(', ')}.`,
      });
    } else if (documented === undefined) {
      issues.push({
        code: 'bad-value',
        ...at,
        message: `scenario 'bounds': '${excerpt(id)}' happens on an environment event and has no time bound.`,
        hint: `Bounds apply to async transitions: ${asyncIds.join(', ')}.`,
      });
    } else if (ms >= documented) {
      issues.push({
        code: 'bad-value',
        ...at,
        message: `scenario 'bounds': '${excerpt(id)}' ${formatDuration(ms)} is not shorter than its documented bound ${formatDuration(documented)}.`,
        hint: 'A scenario may only shorten a bound, for an emulator whose delays are configured.',
      });
    }
  }
  return issues;
}
