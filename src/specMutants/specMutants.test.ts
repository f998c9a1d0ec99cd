import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRun } from '../run/resolveRun.ts';
import { loadSpec } from '../spec/loadSpec.ts';
import type { Spec } from '../spec/Spec.ts';
import { runConformance } from '../runner/runConformance.ts';
import { specMutants } from './specMutants.ts';

let spec: Spec;
beforeAll(async () => {
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

describe('specMutants', () => {
  it('makes each kind of mutant without touching the original spec', () => {
    const before = JSON.stringify(
      [...spec.operations.values()].map((o) => o.rules.map((r) => r.id)),
    );
    const mutants = specMutants(spec);
    const kinds = new Set(mutants.map((m) => m.kind));
    expect([...kinds].sort()).toEqual([
      'allow-forbidden',
      'change-error-type',
      'change-observed-value',
      'drop-rule',
      'loosen-bound',
      'tighten-bound',
    ]);
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
    expect(JSON.stringify([...spec.operations.values()].map((o) => o.rules.map((r) => r.id)))).toBe(
      before,
    );
    const dropped = mutants.find((m) => m.id === 'drop-rule:create');
    expect(dropped?.spec.operations.get('CreateFunction')?.rules.map((r) => r.id)).toEqual([
      'create-existing',
      'create-published',
    ]);
  });

  it('the faithful memory target exposes a forbidden operation allowed by the spec, and a tightened bound', async () => {
    const { run, opened } = await resolveRun(
      'scenarios/default.yaml',
      { save: false, reporters: [], runs: 300 },
      { commandLine: 'test' },
    );
    try {
      const mutants = specMutants(run.spec);
      for (const id of [
        'allow-forbidden:update-code-in-progress',
        'tighten-bound:update-completes',
        'change-observed-value:create:State',
      ]) {
        const mutant = mutants.find((m) => m.id === id);
        expect(mutant, id).toBeDefined();
        if (mutant === undefined) continue;
        const record = await runConformance({ ...run, spec: mutant.spec });
        expect(record.verdict, id).toBe('divergence');
      }
      // A looser bound accepts everything the original does: equivalent, never exposed.
      const loose = mutants.find((m) => m.id === 'loosen-bound:update-completes');
      expect(loose?.equivalent).toBe(true);
      if (loose !== undefined)
        expect((await runConformance({ ...run, spec: loose.spec })).verdict).toBe('conformant');
    } finally {
      await opened.dispose();
    }
    // Four runs of 300 sequences, each on a spec of its own whose tours are planned afresh (no
    // cache entry: a mutant is not a loaded spec), several seconds of CPU each: 35–65 s on two
    // cores shared with other test files.
  }, 180_000);
});
