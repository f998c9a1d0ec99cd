import * as fc from 'fast-check';
import { HarnessError } from '../errors/HarnessError.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Capabilities } from '../targets/Target.ts';
import { INPUT_DEFAULTS, isWaiterName, type EventName } from '../lambda/catalogue.ts';
import { formatCommand, type HarnessCommand } from './HarnessCommand.ts';
import { doingSequence } from './doingSequence.ts';
import {
  PlannedSequence,
  plannedPrefix,
  REAL_TIME_PLAN_SHARE,
  VIRTUAL_TIME_PLAN_SHARE,
  type Tour,
  type TourSlot,
} from './plannedPrefix.ts';

/** Executes one harness command for a run; implemented by the runner. */
export interface CommandExecutor {
  execute(cmd: HarnessCommand): Promise<void>;
  /**
   * Whether `cmd` is worth running now; a command it refuses is left out of the sequence (and of
   * its replay text). Default: every command.
   */
  accepts?(cmd: HarnessCommand): boolean;
}

/**
 * A fast-check command around a {@link HarnessCommand}: prints as replay text, and runs in every
 * state the executor accepts it in (every operation in every state: calling it in the wrong state
 * is what is under test; an `Inject` only where the spec gives the event an effect).
 */
export class GeneratedCommand implements fc.AsyncCommand<CommandExecutor, unknown> {
  constructor(readonly cmd: HarnessCommand) {}

  check(executor: Readonly<CommandExecutor>): boolean {
    return executor.accepts?.(this.cmd) ?? true;
  }

  async run(executor: CommandExecutor): Promise<void> {
    await executor.execute(this.cmd);
  }

  toString(): string {
    return formatCommand(this.cmd);
  }
}

/**
 * Default relative weights; scenario `weights` override them by command name. The SDK waiters
 * (`Wait*` operations) are left out unless a scenario weighs them: on real time one may poll for
 * its whole budget (5 minutes for FunctionActiveV2 on an Inactive function), which the virtual
 * clock of the memory target makes free.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  CreateFunction: 4,
  GetFunction: 2,
  GetFunctionConfiguration: 1,
  UpdateFunctionCode: 3,
  UpdateFunctionConfiguration: 3,
  Invoke: 5,
  PublishVersion: 2,
  ListVersionsByFunction: 1,
  ListFunctions: 1,
  TagResource: 2,
  UntagResource: 2,
  ListTags: 1,
  DeleteFunction: 1,
  CreateAlias: 2,
  GetAlias: 1,
  UpdateAlias: 1,
  DeleteAlias: 1,
  Wait: 4,
  Settle: 1,
  Inject: 4,
};

/** What the generator may produce, resolved from the scenario and the target's capabilities. */
export interface CommandOptions {
  readonly functions: number;
  readonly maxCommands: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly capabilities: Capabilities;
  /**
   * fast-check's replay path of a shrunk sequence (which commands ran), to replay it with its seed
   * and path (`run --path`); undefined when generating.
   */
  readonly replayPath?: string;
  /**
   * The tours planned from the spec (the runner's planTours), asked for when a sequence first
   * starts with one; none: every sequence is random from its first command.
   */
  readonly tours?: () => readonly Tour[];
  /**
   * The slot of the sequence being generated (the runner's `tourSlotOf`): on real time the tours
   * come in a rotation by it, so that a run's sequences start with every tour in turn; on virtual
   * time (and without it) they are drawn at random.
   */
  readonly tourSlot?: TourSlot;
}
/** How many times likelier an input's usual value (absent in the call) is than each other one. */
const USUAL_INPUT_WEIGHT = 3;

function inputArbitrary(
  spec: Spec,
  name: string,
  caps: Capabilities,
): fc.Arbitrary<string | number> {
  const decl = spec.inputs.get(name);
  if (decl === undefined) return fc.constant('');
  if (decl.type === 'int') return fc.integer({ min: decl.min, max: decl.max });
  const values =
    name === 'packageType'
      ? decl.values.filter((v) => (caps.packageTypes as readonly string[]).includes(v))
      : decl.values;
  const drawn = values.length > 0 ? values : decl.values;
  const usual = INPUT_DEFAULTS[name];
  if (usual === undefined || !drawn.includes(usual)) return fc.constantFrom(...drawn);
  // An input most calls leave out (no qualifier: $LATEST; no Publish) is drawn absent three times
  // in four: reads of $LATEST stay as frequent as before versions existed, so the sequences that
  // compare $LATEST's RevisionId and code across writes keep their odds.
  return fc.oneof(
    { arbitrary: fc.constant(usual), weight: USUAL_INPUT_WEIGHT * (drawn.length - 1) },
    ...drawn.filter((v) => v !== usual).map((v) => ({ arbitrary: fc.constant(v), weight: 1 })),
  );
}

// Short waits exercise races, long ones cross the spec's time bounds (liveness). On real time,
// waits stay short: Settle (which polls until transitions are done) covers the long ones.
const virtualWait = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 2_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 2_000, max: 180_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 600_000, max: 1_200_000 }), weight: 1 },
);
const realWait = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 1_000, max: 5_000 }), weight: 1 },
);

/**
 * A command's weight: the scenario's, else the default (whole numbers: the loader insists). An SDK
 * waiter weighs 1 by default on virtual time, where its polling costs nothing, and 0 on real time,
 * where a waiter that does not succeed polls for its whole budget (5 minutes for
 * FunctionActiveV2): a scenario for a real-time target that wants them weighs them.
 */
function weightOfCommand(
  options: Pick<CommandOptions, 'weights'> & { readonly virtualTime: boolean },
  name: string,
): number {
  const given = options.weights[name];
  if (given !== undefined) return given;
  if (isWaiterName(name)) return options.virtualTime ? 1 : 0;
  return DEFAULT_WEIGHTS[name] ?? 1;
}

/** The commands the generator may produce under `weights` (weight above 0), by name. */
export function allowedCommands(
  spec: Spec,
  weights: Readonly<Record<string, number>>,
  virtualTime: boolean,
): ReadonlySet<string> {
  const names = [...spec.operations.keys(), 'Wait', 'Settle', 'Inject'];
  return new Set(names.filter((name) => weightOfCommand({ weights, virtualTime }, name) > 0));
}

/** Builds the weighted command arbitrary for a spec and a target. Names with weight 0 are left out. */
export function commandArbitrary(
  spec: Spec,
  options: CommandOptions,
): fc.Arbitrary<HarnessCommand> {
  // fn0 is addressed most, so long single-function histories (the ones that reach Inactive or a
  // failed update) stay likely; the others still catch state shared between functions.
  const fnArb = fc.oneof(
    ...Array.from({ length: Math.max(1, options.functions) }, (_, i) => ({
      arbitrary: fc.constant(`fn${i}`),
      weight: i === 0 ? 3 : 1,
    })),
  );
  const weighted: fc.WeightedArbitrary<HarnessCommand>[] = [];
  const weightOf = (name: string): number =>
    weightOfCommand(
      { weights: options.weights, virtualTime: options.capabilities.virtualTime },
      name,
    );
  for (const operation of spec.operations.values()) {
    const weight = weightOf(operation.name);
    if (weight <= 0) continue;
    const inputs: Record<string, fc.Arbitrary<string | number>> = {};
    for (const input of operation.inputs)
      inputs[input] = inputArbitrary(spec, input, options.capabilities);
    const arbitrary = fc.tuple(fnArb, fc.record(inputs)).map(([fn, args]): HarnessCommand => ({
      kind: 'op',
      op: { name: operation.name, fn, args },
    }));
    weighted.push({ arbitrary, weight });
  }
  if (weightOf('Wait') > 0) {
    const waitArbitrary = options.capabilities.virtualTime ? virtualWait : realWait;
    weighted.push({
      arbitrary: waitArbitrary.map((ms): HarnessCommand => ({ kind: 'wait', ms })),
      weight: weightOf('Wait'),
    });
  }
  if (weightOf('Settle') > 0) {
    weighted.push({
      arbitrary: fc.constant<HarnessCommand>({ kind: 'settle' }),
      weight: weightOf('Settle'),
    });
  }
  const events = options.capabilities.events.filter((e) => spec.events.includes(e));
  if (events.length > 0 && weightOf('Inject') > 0) {
    const arbitrary = fc
      .tuple(fc.constantFrom<EventName>(...events), fnArb)
      .map(([event, fn]): HarnessCommand => ({ kind: 'inject', event, fn }));
    weighted.push({ arbitrary, weight: weightOf('Inject') });
  }
  if (weighted.length === 0) {
    throw new HarnessError(
      'NOTHING_TO_GENERATE',
      `the scenario's weights give every command of ${spec.file} weight 0: give one of ${[...spec.operations.keys(), 'Wait', 'Settle'].join(', ')} a weight of 1 or more.`,
    );
  }
  return fc.oneof(...weighted);
}

/** The longest tour planned: long enough for the deepest rules of the shipped spec. */
const MAX_TOUR_LENGTH = 20;

/** The longest planned start of a sequence: a third of it at least is left to random commands. */
export function maxTourLength(maxCommands: number): number {
  return Math.max(1, Math.min(MAX_TOUR_LENGTH, Math.floor((maxCommands * 2) / 3)));
}

/**
 * The fast-check commands arbitrary for one run: every sequence holds at least one API operation
 * (one drawn without any is drawn again, see {@link doingSequence}). With `tours`, half the
 * sequences on virtual time (drawn at random) and three in four on real time (in a rotation by
 * `tourSlot`, see {@link REAL_TIME_PLAN_SHARE}) start with one of them (planned from the spec
 * toward rules and transitions random commands rarely reach); random commands follow, up to
 * `maxCommands` in all. fast-check shrinks both parts.
 */
export function commandsArbitrary(
  spec: Spec,
  options: CommandOptions,
): fc.Arbitrary<Iterable<fc.AsyncCommand<CommandExecutor, unknown>>> {
  const one = commandArbitrary(spec, options).map((cmd) => new GeneratedCommand(cmd));
  const virtualTime = options.capabilities.virtualTime;
  const share = virtualTime ? VIRTUAL_TIME_PLAN_SHARE : REAL_TIME_PLAN_SHARE;
  if (options.tours === undefined || share.planned === 0) {
    // No planned start: exactly the random sequences of a run without planning.
    return doingSequence(
      fc.commands([one], { maxCommands: options.maxCommands, size: 'max' }),
      checksOperation,
    );
  }
  // fast-check shrinks its commands by those that ran (it marks them as they run). It clones a
  // cloneable value for each shrink attempt but shrinks from the context of the value it first
  // ran: once the planned start has shrunk, it would no longer see which commands ran. Frozen,
  // the commands are not cloneable: every attempt runs (and marks) the very commands shrunk next.
  const random = fc
    .commands([one], {
      maxCommands: options.maxCommands,
      size: 'max',
      ...(options.replayPath !== undefined ? { replayPath: options.replayPath } : {}),
    })
    .map((commands) => Object.freeze({ commands }));
  const tours = options.tours;
  return doingSequence(
    fc
      .tuple(plannedPrefix(tours, share, virtualTime ? undefined : options.tourSlot), random)
      .map(([prefix, rest]): Iterable<fc.AsyncCommand<CommandExecutor, unknown>> =>
        Object.freeze(
          new PlannedSequence(
            prefix.map((cmd) => new GeneratedCommand(cmd)),
            rest.commands,
            options.maxCommands,
          ),
        ),
      ),
    checksOperation,
  );
}

/**
 * Whether a command of a generated sequence (ours, or fast-check's wrapper of ours) is an API
 * operation: the harness checks every one it runs, so a sequence with one is never without a
 * verdict (a sequence of only Wait, Settle and Inject may check nothing at all).
 */
function checksOperation(element: unknown): boolean {
  const own =
    element instanceof GeneratedCommand
      ? element
      : (element as { readonly cmd?: unknown } | undefined)?.cmd;
  return own instanceof GeneratedCommand && own.cmd.kind === 'op';
}
