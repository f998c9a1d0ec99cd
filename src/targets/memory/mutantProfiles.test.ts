import { describe, expect, it } from 'vitest';
import { HarnessError } from '../../errors/HarnessError.ts';
import { expandMutants, MUTANT_AND_PROFILE_NAMES, MUTANT_PROFILES } from './mutantProfiles.ts';
import { isMutantName, MUTANTS } from './mutants.ts';
import { fixture } from './simulation.testkit.ts';
import { resolveMutants } from './SimulationOptions.ts';

describe('mutant profiles', () => {
  it('have names of their own and list catalogue mutants, each once', () => {
    const mutantNames = new Set<string>(MUTANTS.map((m) => m.name));
    const profileNames = MUTANT_PROFILES.map((p) => p.name);
    expect(new Set(profileNames).size).toBe(profileNames.length);
    for (const profile of MUTANT_PROFILES) {
      expect(mutantNames.has(profile.name)).toBe(false);
      expect(profile.mutants.length).toBeGreaterThan(1);
      expect(new Set(profile.mutants).size).toBe(profile.mutants.length);
      for (const m of profile.mutants) expect(isMutantName(m)).toBe(true);
    }
    expect(MUTANT_AND_PROFILE_NAMES).toEqual([...mutantNames, ...profileNames]);
  });

  it('naive plays an emulator without a lifecycle', () => {
    expect(MUTANT_PROFILES.find((p) => p.name === 'naive')?.mutants).toEqual([
      'create-active-at-once',
      'no-revision-id',
      'updates-complete-at-once',
      'no-conflicts',
      'invoke-missing-answers-200',
      'list-carries-state',
    ]);
  });

  it('expand in place, in order, each mutant once, other names as given', () => {
    expect(expandMutants(['tag-keeps-revision', 'naive', 'list-carries-state', 'nave'])).toEqual([
      'tag-keeps-revision',
      'create-active-at-once',
      'no-revision-id',
      'updates-complete-at-once',
      'no-conflicts',
      'invoke-missing-answers-200',
      'list-carries-state',
      'nave',
    ]);
    expect(expandMutants([])).toEqual([]);
  });

  it('switch their mutants on in the simulation and through its control endpoint', () => {
    const naive = MUTANT_PROFILES[0].mutants;
    expect([...resolveMutants(['naive'])]).toEqual(naive);
    const f = fixture();
    f.sim.setMutants(['naive']);
    expect([...f.sim.mutants]).toEqual(naive);
    expect(() => resolveMutants(['naiv'])).toThrow(HarnessError);
    expect(() => resolveMutants(['naiv'])).toThrow(/unknown mutant 'naiv'/);
  });
});
