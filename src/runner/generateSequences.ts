import * as fc from 'fast-check';
import { commandArbitrary } from '../commands/buildCommands.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Capabilities, Timing } from '../targets/Target.ts';
import type { TimingRanges } from './ResolvedRun.ts';

/** A sequence to run on both targets of a differential run, with the timing simulations use. */
export interface DiffSequence {
  readonly timing: Timing;
  readonly commands: readonly HarnessCommand[];
}

/** What the generator of a differential run may produce. */
export interface SequenceOptions {
  readonly runs: number;
  readonly seed: number;
  readonly maxCommands: number;
  readonly functions: number;
  readonly weights: Readonly<Record<string, number>>;
  /** What both targets can do (see {@link commonCapabilities}). */
  readonly capabilities: Capabilities;
  /** Ranges to draw simulated delays from, or one fixed timing (a real-time side cannot follow). */
  readonly timing: TimingRanges | Timing;
  /** Waits longer than this are shortened to it (a real-time side really waits); none when omitted. */
  readonly maxWaitMs?: number;
}

/** What both targets support: the generator must not produce what either cannot run. */
export function commonCapabilities(a: Capabilities, b: Capabilities): Capabilities {
  return {
    virtualTime: a.virtualTime && b.virtualTime,
    events: a.events.filter((e) => b.events.includes(e)),
    packageTypes: a.packageTypes.filter((p) => b.packageTypes.includes(p)),
    observesCode: a.observesCode && b.observesCode,
  };
}

function timingArbitrary(timing: TimingRanges | Timing): fc.Arbitrary<Timing> {
  const range = (r: number | readonly [number, number]): fc.Arbitrary<number> =>
    typeof r === 'number' ? fc.constant(r) : fc.integer({ min: r[0], max: r[1] });
  return fc.record({
    provisionMs: range(timing.provisionMs),
    updateMs: range(timing.updateMs),
    versionMs: range(timing.versionMs),
    reactivateMs: range(timing.reactivateMs),
  });
}

/**
 * Generates the sequences of a differential run, deterministically from the seed, with the same
 * command generator as `run`. Sequences are not shrunk: each one runs once on each target.
 */
export function generateSequences(spec: Spec, options: SequenceOptions): DiffSequence[] {
  const command = commandArbitrary(spec, {
    functions: options.functions,
    maxCommands: options.maxCommands,
    weights: options.weights,
    capabilities: options.capabilities,
  });
  const sequence = fc.record({
    timing: timingArbitrary(options.timing),
    commands: fc.array(command, { minLength: 1, maxLength: options.maxCommands, size: 'max' }),
  });
  const max = options.maxWaitMs;
  return fc.sample(sequence, { seed: options.seed, numRuns: options.runs }).map((s) => ({
    timing: s.timing,
    commands: max === undefined ? s.commands : capWaits(s.commands, max),
  }));
}

/** The sequence with every wait longer than `maxMs` shortened to `maxMs` (indexes unchanged). */
export function capWaits(commands: readonly HarnessCommand[], maxMs: number): HarnessCommand[] {
  return commands.map((c) => (c.kind === 'wait' && c.ms > maxMs ? { kind: 'wait', ms: maxMs } : c));
}
