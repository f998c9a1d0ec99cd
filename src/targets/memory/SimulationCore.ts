import type { FunctionConfiguration, GetFunctionResponse } from '../../lambda/LambdaApi.ts';
import type { FunctionRecord } from './FunctionRecord.ts';
import type { MutantName } from './mutants.ts';
import type { RevisionIdSource } from './RevisionIdSource.ts';
import type { ResolvedSimulationOptions } from './SimulationOptions.ts';
import type { Timeline } from './Timeline.ts';

/** What `deleted-still-found` keeps of a deleted function: its last answers, for a few reads. */
export interface Ghost {
  readonly configuration: FunctionConfiguration;
  readonly function: GetFunctionResponse;
  remainingReads: number;
}

/**
 * The state one simulation instance shares with its helper modules (transitions, guards, invoke,
 * publish, events). Only `LambdaSimulation` creates it; nothing outside this folder sees it.
 */
export interface SimulationCore {
  readonly options: ResolvedSimulationOptions;
  mutants: ReadonlySet<MutantName>;
  readonly functions: Map<string, FunctionRecord>;
  readonly timeline: Timeline;
  readonly revisions: RevisionIdSource;
  readonly ghosts: Map<string, Ghost>;
}

/** Whether mutant `name` is switched on. */
export function has(core: SimulationCore, name: MutantName): boolean {
  return core.mutants.has(name);
}

/** The simulation's current time. */
export function now(core: SimulationCore): number {
  return core.options.clock();
}
