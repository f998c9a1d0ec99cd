import { fileURLToPath } from 'node:url';

/** A scenario as the API takes it: a path (relative to the working directory) or a `file:` URL. */
export type ScenarioPath = string | URL;

/** The scenario path as a plain string (a `file:` URL becomes its path). */
export function scenarioPathOf(scenario: ScenarioPath): string {
  return typeof scenario === 'string' ? scenario : fileURLToPath(scenario);
}
