import type { CoverageGate } from '../runner/RunRecord.ts';

/**
 * The one sentence every report uses for a `--min-coverage` gate, without a pass/fail mark (each
 * reporter adds its own): `77.8% of rules and transitions exercised, below the minimum 80%` or
 * `88.9% of rules and transitions exercised (minimum 80%)`.
 */
export function coverageGateText(gate: CoverageGate): string {
  const exercised = `${gate.percent}% of rules and transitions exercised`;
  return gate.passed
    ? `${exercised} (minimum ${gate.minPercent}%)`
    : `${exercised}, below the minimum ${gate.minPercent}%`;
}
