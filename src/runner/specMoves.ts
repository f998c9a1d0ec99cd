import type { Operation } from '../lambda/Operation.ts';
import { initialState, type AbstractState } from '../monitor/AbstractState.ts';
import { applyEffects, guardHolds } from '../monitor/evaluate.ts';
import { eventHasEffect } from './eventEffect.ts';
import { ruleCache } from '../monitor/ruleCache.ts';
import { INPUT_DEFAULTS } from '../lambda/catalogue.ts';
import type { Rule, Spec, Transition } from '../spec/Spec.ts';
import type { Capabilities } from '../targets/Target.ts';
import type { HarnessCommand } from '../commands/HarnessCommand.ts';

/** The function a plan addresses. */
export const PLAN_FUNCTION = 'fn0';

/** What a plan may use: the spec reading, the target's capabilities, and the commands weighed in. */
export interface MoveOptions {
  readonly reading: string;
  readonly capabilities: Capabilities;
  /** The commands the scenario lets the generator produce (weight above 0), by name. */
  readonly allowed: ReadonlySet<string>;
}

/**
 * One command a plan can take from an abstract state: the rule or transitions it exercises there,
 * and the states it may lead to (several where the spec allows several outcomes).
 */
export interface Move {
  readonly cmd: HarnessCommand;
  readonly exercises: readonly string[];
  readonly next: readonly AbstractState[];
  /** Whether it may change the function (a field, or its RevisionId): worth reading back. */
  readonly changes: boolean;
  /**
   * Whether the spec leaves its outcome unspecified: the target may as well refuse it and leave
   * the function as it was, so `next` (the states where it was accepted) may not be where it is.
   */
  readonly uncertain?: boolean;
}

/** The abstract state a function starts in (no RevisionId observed, time 0). */
export function planStart(spec: Spec): AbstractState {
  return initialState(spec);
}

/** Key of a state's field values (not its RevisionId, not its time). */
export function valuesKey(state: AbstractState): string {
  let key = valuesKeys.get(state.values);
  if (key === undefined) {
    key = Object.values(state.values).join(',');
    valuesKeys.set(state.values, key);
  }
  return key;
}

// Value records are immutable and shared between states: each one's keys are computed once.
const valuesKeys = new WeakMap<object, string>();
const searchKeys = new WeakMap<object, string>();

/**
 * What a plan search tells states apart by: enum fields by value; of the int fields (revisions,
 * counters, which would count on without end) only what guards read: whether two of them a guard
 * compares (`liveCode: $publishedCode`) are equal, and the value of one a guard compares with a
 * literal.
 */
export function searchKey(spec: Spec, state: AbstractState): string {
  const known = searchKeys.get(state.values);
  if (known !== undefined) return known;
  const reads = guardReads(spec);
  const parts: string[] = [];
  for (const field of spec.fields.values()) {
    if (field.type === 'enum' || reads.literal.has(field.name))
      parts.push(String(state.values[field.name]));
  }
  for (const [a, b] of reads.pairs) parts.push(state.values[a] === state.values[b] ? '=' : '!');
  const key = parts.join(',');
  searchKeys.set(state.values, key);
  return key;
}

interface GuardReads {
  /** Int fields some guard compares with a literal. */
  readonly literal: ReadonlySet<string>;
  /** Pairs of fields some guard compares with each other. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Inputs some guard reads. */
  readonly inputs: ReadonlySet<string>;
}

const guardReadsOf = new WeakMap<Spec, GuardReads>();

/** What the guards of a spec's rules and transitions read. */
export function guardReads(spec: Spec): GuardReads {
  let reads = guardReadsOf.get(spec);
  if (reads === undefined) {
    const literal = new Set<string>();
    const pairs = new Map<string, readonly [string, string]>();
    const inputs = new Set<string>();
    const guards = [
      ...[...spec.operations.values()].flatMap((o) => o.rules.map((r) => r.when)),
      ...spec.transitions.map((t) => t.from),
    ];
    for (const guard of guards) {
      for (const name of Object.keys(guard.inputs)) inputs.add(name);
      for (const [name, condition] of Object.entries(guard.fields)) {
        if (condition.kind === 'equals') {
          if (condition.ref.from === 'input') inputs.add(condition.ref.name);
          else pairs.set(`${name}=${condition.ref.name}`, [name, condition.ref.name]);
        } else if (spec.fields.get(name)?.type === 'int') literal.add(name);
      }
    }
    reads = { literal, pairs: [...pairs.values()], inputs };
    guardReadsOf.set(spec, reads);
  }
  return reads;
}

function distinct(states: readonly AbstractState[]): AbstractState[] {
  if (states.length < 2) return [...states];
  const seen = new Map<string, AbstractState>();
  for (const s of states) {
    const key = valuesKey(s);
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}

/**
 * The values a plan tries for one input, most interesting first: enum values in declaration order
 * (package types the target has), int values held by the fewest int fields of `state` first, so
 * that an update changes what the function runs and a later read can tell.
 */
function inputValues(
  spec: Spec,
  name: string,
  state: AbstractState,
  caps: Capabilities,
): (string | number)[] {
  const decl = spec.inputs.get(name);
  if (decl === undefined) return [''];
  if (decl.type === 'int') {
    const held = Object.values(state.values);
    const uses = (v: number): number => held.filter((h) => h === v).length;
    const values = Array.from({ length: decl.max - decl.min + 1 }, (_, i) => decl.min + i).sort(
      (a, b) => uses(a) - uses(b) || a - b,
    );
    // An int no guard reads changes only int fields: its first value stands for all.
    return guardReads(spec).inputs.has(name) ? values : values.slice(0, 1);
  }
  const usable =
    name === 'packageType'
      ? decl.values.filter((v) => (caps.packageTypes as readonly string[]).includes(v))
      : decl.values;
  return [...(usable.length > 0 ? usable : decl.values)];
}

/** Every combination of an operation's inputs, most interesting first. */
function inputCombinations(
  spec: Spec,
  inputs: readonly string[],
  state: AbstractState,
  caps: Capabilities,
): Record<string, string | number>[] {
  let combos: Record<string, string | number>[] = [{}];
  for (const name of inputs) {
    const values = inputValues(spec, name, state, caps);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return combos;
}

/** What tells two outcomes of a rule apart for planning: the enum fields of the states reached. */
function shapeOf(spec: Spec, states: readonly AbstractState[]): string {
  let enums = enumFields.get(spec);
  if (enums === undefined) {
    enums = [...spec.fields.values()].filter((f) => f.type === 'enum').map((f) => f.name);
    enumFields.set(spec, enums);
  }
  const names = enums;
  return states.map((s) => names.map((f) => String(s.values[f])).join(',')).join('|');
}

const enumFields = new WeakMap<Spec, readonly string[]>();

/**
 * The operation moves from `state`: per operation and rule, one per distinct shape of the states
 * it leads to (CreateFunction of a Zip and of an Image function), with the first inputs giving it.
 */
function operationMoves(spec: Spec, state: AbstractState, options: MoveOptions): Move[] {
  const moves: Move[] = [];
  // The monitor's rule choice, memoised per spec and reading by the fields the guards read.
  const rules = ruleCache(spec, options.reading);
  for (const operation of spec.operations.values()) {
    if (!options.allowed.has(operation.name)) continue;
    const reached = new Set<string>();
    const triedRules = new Set<string>();
    // Where no guard reads the operation's inputs, the state alone picks the rule.
    const byState = !operation.inputs.some((i) => guardReads(spec).inputs.has(i));
    let picked: Rule | undefined;
    for (const args of inputCombinations(spec, operation.inputs, state, options.capabilities)) {
      const op: Operation = { name: operation.name, fn: PLAN_FUNCTION, args };
      const rule = byState && picked !== undefined ? picked : rules.ruleFor(op, state);
      picked = rule;
      if (rule === undefined) continue;
      // The states reached differ in shape only by the rule and the enum inputs its effects read:
      // a combination that repeats both is not worked out again.
      const tried = `${rule.id}|${enumEffectInputs(spec, rule)
        .map((i) => String(args[i]))
        .join(',')}`;
      if (triedRules.has(tried)) continue;
      triedRules.add(tried);
      const next = distinct(rule.outcomes.map((o) => applyEffects(o.effects, state, op, 0)));
      const shape = `${rule.id}:${shapeOf(spec, next)}`;
      if (reached.has(shape)) continue;
      reached.add(shape);
      const changes =
        next.some((n) => n.values !== state.values) ||
        rule.outcomes.some((o) => o.effects.revisionId !== 'same');
      const uncertain = rule.outcomes.some((o) => o.kind === 'unspecified');
      moves.push({
        cmd: { kind: 'op', op },
        exercises: [rule.id],
        next,
        changes,
        ...(uncertain ? { uncertain } : {}),
      });
    }
  }
  return moves;
}

/**
 * Whether an async transition is pending in `state` (Pending, an update in progress): the target
 * leaves it by itself, after its own delay.
 */
export function awaitsAsync(spec: Spec, state: AbstractState, reading: string): boolean {
  return enabledAsync(spec, state, reading).length > 0;
}

const enumEffectInputsOf = new WeakMap<Rule, readonly string[]>();

/** The enum inputs the effects of a rule's outcomes read (`ownTag: $input.tag`). */
function enumEffectInputs(spec: Spec, rule: Rule): readonly string[] {
  let inputs = enumEffectInputsOf.get(rule);
  if (inputs === undefined) {
    const read = new Set<string>();
    for (const outcome of rule.outcomes) {
      for (const expr of Object.values(outcome.effects.set)) {
        if (
          expr.kind === 'ref' &&
          expr.ref.from === 'input' &&
          spec.inputs.get(expr.ref.name)?.type !== 'int'
        )
          read.add(expr.ref.name);
      }
    }
    inputs = [...read].sort();
    enumEffectInputsOf.set(rule, inputs);
  }
  return inputs;
}

/** The async transitions enabled in `state`. */
function enabledAsync(spec: Spec, state: AbstractState, reading: string): Transition[] {
  return spec.transitions.filter(
    (t) => t.trigger.kind === 'async' && guardHolds(t.from, state, undefined, reading),
  );
}

/** Most async transitions a plan follows in one advance (a spec whose transitions cycle stops). */
const MAX_ASYNC_CHAIN = 8;

/**
 * The states `state` settles in once every async transition has happened, each with the
 * transitions taken to reach it.
 */
function settled(
  spec: Spec,
  state: AbstractState,
  reading: string,
): { state: AbstractState; via: string[] }[] {
  const out: { state: AbstractState; via: string[] }[] = [];
  const walk = (s: AbstractState, via: string[]): void => {
    const enabled = enabledAsync(spec, s, reading);
    if (enabled.length === 0 || via.length >= MAX_ASYNC_CHAIN) {
      out.push({ state: s, via });
      return;
    }
    for (const t of enabled) walk(applyEffects(t.to, s, undefined, 0), [...via, t.id]);
  };
  walk(state, []);
  return out;
}

/**
 * The command that lets pending async transitions happen: Settle (which also observes their end),
 * else on virtual time a Wait past the longest bound, else none.
 */
function advanceCommand(spec: Spec, options: MoveOptions): HarnessCommand | undefined {
  if (options.allowed.has('Settle')) return { kind: 'settle' };
  if (!options.capabilities.virtualTime || !options.allowed.has('Wait')) return undefined;
  const bounds = spec.transitions.map((t) => (t.trigger.kind === 'async' ? t.trigger.withinMs : 0));
  return { kind: 'wait', ms: Math.max(0, ...bounds) + 1_000 };
}

/** The advance moves from `state`: one per way its async transitions can end. */
function advanceMoves(spec: Spec, state: AbstractState, options: MoveOptions): Move[] {
  const cmd = advanceCommand(spec, options);
  if (cmd === undefined || enabledAsync(spec, state, options.reading).length === 0) return [];
  return settled(spec, state, options.reading).map(({ state: next, via }) => ({
    cmd,
    exercises: via,
    next: [next],
    // Settle reads the function until its transitions are done.
    changes: false,
  }));
}

/** The event moves from `state`: each event the target can inject that acts there. */
function eventMoves(spec: Spec, state: AbstractState, options: MoveOptions): Move[] {
  if (!options.allowed.has('Inject')) return [];
  const moves: Move[] = [];
  for (const event of options.capabilities.events) {
    if (!spec.events.includes(event)) continue;
    if (!eventHasEffect(spec, [state], event, options.reading)) continue;
    const triggered = spec.transitions.filter(
      (t) =>
        t.trigger.kind === 'event' &&
        t.trigger.event === event &&
        guardHolds(t.from, state, undefined, options.reading),
    );
    if (triggered.length === 0) continue;
    moves.push({
      cmd: { kind: 'inject', event, fn: PLAN_FUNCTION },
      exercises: triggered.map((t) => t.id),
      next: distinct(triggered.map((t) => applyEffects(t.to, state, undefined, 0))),
      // An event that only arms a fault (a field no response shows) is not worth reading back.
      changes: triggered.some((t) => t.to.revisionId !== 'same'),
    });
  }
  return moves;
}

/**
 * The operation that reads a function without changing it: the first allowed one whose inputs
 * may all be left out ({@link INPUT_DEFAULTS}: GetFunction of $LATEST, no qualifier) and whose
 * every outcome has no effect (GetFunction in the shipped spec); undefined when none. A plan's
 * read is that operation with its inputs left at their defaults.
 */
export function readerOf(spec: Spec, options: MoveOptions): string | undefined {
  return [...spec.operations.values()].find(
    (o) =>
      options.allowed.has(o.name) &&
      o.inputs.every((input) => Object.hasOwn(INPUT_DEFAULTS, input)) &&
      o.rules.every((r) =>
        r.outcomes.every(
          (out) => Object.keys(out.effects.set).length === 0 && out.effects.revisionId === 'same',
        ),
      ),
  )?.name;
}

/** Every move a plan can take from `state`, in a fixed order (operations, advances, events). */
export function movesFrom(spec: Spec, state: AbstractState, options: MoveOptions): Move[] {
  return [
    ...operationMoves(spec, state, options),
    ...advanceMoves(spec, state, options),
    ...eventMoves(spec, state, options),
  ];
}
