import { describe, expect, it } from 'vitest';
import { loadSpec } from '../spec/loadSpec.ts';
import type { ReplayOutcome } from './replay.ts';
import { judgeReplay, replayExitCode, replayVerdictText } from './replayVerdict.ts';
import { createRunTally } from './StepChecker.ts';

const spec = await loadSpec('spec/lambda-lifecycle.yaml');

function outcome(verdict: 'conformant' | 'inconclusive', reasons: string[] = []): ReplayOutcome {
  const tally = createRunTally(spec);
  for (const reason of reasons) tally.inconclusive.push({ command: 'GetFunction(fn0)', reason });
  return { verdict, trace: [], tally };
}

const DIVERGENCE = { verdict: 'divergence', ruleId: 'create', category: 'wrong-field' } as const;

describe('judgeReplay without a divergence', () => {
  it('conformant now: exit 0, naming the divergence that no longer occurs', () => {
    const v = judgeReplay(DIVERGENCE, outcome('conformant'));
    expect(v.kind).toBe('conformant');
    expect(replayExitCode(v)).toBe(0);
    expect(replayVerdictText(v)).toBe(
      'Conformant now: the recorded divergence create (wrong-field) no longer occurs.',
    );
    expect(replayVerdictText(judgeReplay({ verdict: 'conformant' }, outcome('conformant')))).toBe(
      'Conformant, as recorded.',
    );
  });

  it('inconclusive: exit 3 with the first cause, never "conformant"', () => {
    const v = judgeReplay(DIVERGENCE, outcome('inconclusive', ['HTTP 503', 'timed out']));
    expect(v).toEqual({
      kind: 'inconclusive',
      reasons: ['GetFunction(fn0): HTTP 503', 'GetFunction(fn0): timed out'],
    });
    expect(replayExitCode(v)).toBe(3);
    expect(replayVerdictText(v)).toBe(
      'Inconclusive: not every step could be judged: GetFunction(fn0): HTTP 503 (and 1 more).',
    );
    // Interrupted before any step was judged.
    expect(replayVerdictText(judgeReplay(DIVERGENCE, outcome('inconclusive')))).toBe(
      'Inconclusive: not every step could be judged: interrupted.',
    );
  });
});
