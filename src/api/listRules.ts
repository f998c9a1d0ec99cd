import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ScenarioError, SpecError, type Issue } from '../errors/HarnessError.ts';
import { Coverage } from '../runner/Coverage.ts';
import type { RuleCoverage } from '../runner/RunRecord.ts';
import { parseScenario } from '../spec/parseScenario.ts';
import { parseSpec } from '../spec/parseSpec.ts';
import { DEFAULT_SCENARIO, DEFAULT_SPEC } from '../run/defaults.ts';
import { scenarioPathOf, type ScenarioPath } from './ScenarioPath.ts';

/** A spec rule or transition as every report lists it: id, kind, group and quotes, in spec order. */
export type RuleEntry = Pick<RuleCoverage, 'id' | 'kind' | 'group' | 'cite'>;

function readText(
  file: string,
  what: 'scenario' | 'spec',
  error: (issues: Issue[]) => Error,
): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (cause as Error).message;
    throw error([
      {
        code: 'file-unreadable',
        file,
        line: 1,
        column: 1,
        message: `cannot read the ${what}: ${reason}.`,
        hint: 'Check the path.',
      },
    ]);
  }
}

/**
 * The rules and transitions of the spec a scenario checks — the entries a run record's `coverage`
 * will have, in the same order — read **synchronously**, so a test framework can declare one test
 * per rule while it collects tests. Without a scenario, the default one (`scenarios/default.yaml`,
 * or the default spec when that file does not exist), as `run` does.
 *
 * @throws ScenarioError or SpecError listing every issue, as the CLI reports them.
 */
export function listRules(scenario?: ScenarioPath): RuleEntry[] {
  const given = scenario === undefined ? undefined : scenarioPathOf(scenario);
  const file = given ?? (existsSync(DEFAULT_SCENARIO) ? DEFAULT_SCENARIO : undefined);
  const specFile =
    file === undefined
      ? resolve(DEFAULT_SPEC)
      : (parseScenario(
          readText(file, 'scenario', (i) => new ScenarioError(i)),
          file,
        ).spec ?? DEFAULT_SPEC);
  const spec = parseSpec(
    readText(specFile, 'spec', (i) => new SpecError(i)),
    specFile,
  );
  return new Coverage(spec)
    .snapshot()
    .map(({ id, kind, group, cite }) => ({ id, kind, group, cite }));
}
