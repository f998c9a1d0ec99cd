import type { RunRecord } from '../runner/RunRecord.ts';

/**
 * Why a run is inconclusive, in one line (the run was interrupted, checked nothing, or had steps
 * whose answer says nothing about the target, the first of them named), or undefined when it is
 * not. Reports and the vitest helper show it where a run that proved nothing must not look green.
 */
export function inconclusiveCause(
  record: Pick<RunRecord, 'verdict' | 'stoppedBy' | 'operations' | 'inconclusive'>,
): string | undefined {
  if (record.verdict !== 'inconclusive') return undefined;
  const parts: string[] = [];
  if (record.stoppedBy === 'interrupted') parts.push('the run was interrupted');
  if (record.operations === 0) parts.push('no operation was checked');
  const [first] = record.inconclusive;
  if (first !== undefined) {
    const n = record.inconclusive.length;
    parts.push(
      `${n} inconclusive step${n === 1 ? '' : 's'}, the first ${first.command}: ${first.reason}`,
    );
  }
  return parts.length === 0 ? 'the run proved nothing' : parts.join('; ');
}
