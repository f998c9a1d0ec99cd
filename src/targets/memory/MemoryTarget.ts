import { EVENT_NAMES } from '../../lambda/catalogue.ts';
import type { Capabilities, SessionContext, Target, TargetSession } from '../Target.ts';
import { afterTurn } from './eventLoopTurns.ts';
import { MemorySession } from './MemorySession.ts';
import type { MutantName } from './mutants.ts';
import { resolveMutants } from './SimulationOptions.ts';
import type { ImagePendingInvoke } from './SimulationOptions.ts';

/** Options of {@link createMemoryTarget}. */
export interface MemoryTargetOptions {
  /** Emulator bugs to switch on in every session (see `MUTANTS`); none by default. */
  readonly mutants?: readonly MutantName[];
  /** Default `allow`, the seed document's reading. */
  readonly imagePendingInvoke?: ImagePendingInvoke;
}

/**
 * What the memory target can do: everything, on a virtual clock.
 *
 * @internal Exported for tests only.
 */
export const MEMORY_CAPABILITIES: Capabilities = {
  virtualTime: true,
  events: EVENT_NAMES,
  packageTypes: ['Zip', 'Image'],
  observesCode: true,
};

/**
 * The `memory` target: each `open` starts a fresh in-process Lambda simulation on a virtual clock
 * at 0 with the run's timing. With no mutants it is the faithful reading of the documents; with
 * mutants it is a buggy emulator the harness must catch.
 */
export function createMemoryTarget(options: MemoryTargetOptions = {}): Target {
  // Resolved once at the edge, so a bad name fails at creation and not in the middle of a run.
  const mutants = [...resolveMutants(options.mutants ?? [])];
  const imagePendingInvoke = options.imagePendingInvoke ?? 'allow';
  return {
    name: 'memory',
    capabilities: MEMORY_CAPABILITIES,
    open(ctx: SessionContext): Promise<TargetSession> {
      // An invalid timing becomes a rejection rather than a synchronous throw.
      return afterTurn(() => new MemorySession(ctx, { mutants, imagePendingInvoke }));
    },
  };
}
