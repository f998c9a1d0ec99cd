import type { RunRecord } from '../runner/RunRecord.ts';

/**
 * The exit code of a run record: 0 conformant, 1 divergence (also a failed coverage gate or a
 * stale baseline entry), 3 inconclusive, 2 when the run stopped at a setup error (the target
 * refused the harness's own request). Other bad input and harness errors (2) never get a record.
 */
export function exitCodeOf(record: RunRecord): number {
  if (record.setupError !== undefined) return 2;
  if (record.coverageGate?.passed === false && record.verdict !== 'divergence') return 1;
  if ((record.baseline?.stale.length ?? 0) > 0 && record.verdict !== 'divergence') return 1;
  switch (record.verdict) {
    case 'conformant':
      return 0;
    case 'divergence':
      return 1;
    case 'inconclusive':
      return 3;
  }
}
