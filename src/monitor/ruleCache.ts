import type { Operation } from '../lambda/Operation.ts';
import { PerSpec } from '../spec/PerSpec.ts';
import type { Guard, Rule, Scalar, Spec, Transition } from '../spec/Spec.ts';
import { internValues, type AbstractState, type Values } from './AbstractState.ts';
import { guardHolds, inputsLevel, lastInputPart, type InputsMemo } from './evaluate.ts';
import { RecordTable } from './RecordTable.ts';

/** An async transition of the spec. */
export type AsyncTransition = Transition & { trigger: { kind: 'async' } };

/** Entries one memo holds before it starts afresh (the spec's value domain is far smaller). */
const MAX_ENTRIES = 4096;

/** The rules of one operation and the inputs their guards read. */
interface OperationRules {
  readonly rules: readonly Rule[];
  readonly inputs: readonly string[];
  /** The applicable rule (null: none) by the inputs read (one map level each), per value record. */
  readonly memo: Projected<InputsMemo<Rule | null>>;
}

/**
 * Entries shared by every value record equal in the fields some guards read: a guard's outcome
 * depends on nothing else, so a record met for the first time that agrees with a known one on
 * those fields (most differ only in counters and code numbers no guard reads) finds its answers
 * known. Looked up by record identity (records are interned), the fields' values only on a miss.
 */
class Projected<T> {
  private readonly byRecord = new RecordTable<T>();
  /**
   * Entries by the fields' values, one map level per field (no key text to build and hash); the
   * last level holds the entries. A value is looked up as it is (see {@link partOf}).
   */
  private byProjection: ProjectionLevel<T> = new Map();
  private projections = 0;
  /** The one entry when no field is read. */
  private only: T | undefined;

  constructor(
    private readonly fields: readonly string[],
    private readonly create: () => T,
  ) {}

  /** The entry of `values` (created empty for a projection not met before). */
  of(values: Values): T {
    let entry = this.byRecord.get(values);
    if (entry === undefined) {
      entry = this.projected(values);
      if (this.byRecord.size >= MAX_ENTRIES) this.byRecord.clear();
      this.byRecord.set(values, entry);
    }
    return entry;
  }

  private projected(values: Values): T {
    const { fields } = this;
    if (fields.length === 0) return (this.only ??= this.create());
    if (this.projections >= MAX_ENTRIES) {
      this.byProjection = new Map();
      this.projections = 0;
    }
    let level = this.byProjection;
    const last = fields.length - 1;
    for (let i = 0; i < last; i++) {
      const part = partOf(values[fields[i] as string]);
      let next = level.get(part);
      if (next === undefined) {
        next = new Map();
        level.set(part, next);
      }
      level = next as ProjectionLevel<T>;
    }
    const part = partOf(values[fields[last] as string]);
    let entry = level.get(part) as T | undefined;
    if (entry === undefined) {
      entry = this.create();
      level.set(part, entry);
      this.projections++;
    }
    return entry;
  }
}

/** A level of {@link Projected}'s entries: a field's value to the next level or the entry. */
type ProjectionLevel<T> = Map<Scalar | symbol, ProjectionLevel<T> | T>;

/** An absent field (told apart from any value). */
const ABSENT = Symbol('absent');

/**
 * A field value as a projection's part: the value itself, or absent. Guards compare values by
 * text; a map tells 2 from '2', so parts are as fine as the text or finer (an entry may be worked
 * out twice, never shared by values of different text), and no text is made per look-up.
 */
function partOf(value: Scalar | undefined): Scalar | symbol {
  return value === undefined ? ABSENT : value;
}

/** The state fields a guard reads: its field conditions and any `equals $field`. */
function guardFields(guard: Guard): string[] {
  const fields = Object.keys(guard.fields);
  for (const condition of [...Object.values(guard.fields), ...Object.values(guard.inputs)]) {
    if (condition.kind === 'equals' && condition.ref.from === 'field') {
      fields.push(condition.ref.name);
    }
  }
  return fields;
}

/** The fields any of `guards` reads, once each, sorted. */
function fieldsRead(guards: readonly Guard[]): string[] {
  return [...new Set(guards.flatMap(guardFields))].sort();
}

/**
 * What the monitor decides from the spec, a reading and a value record alone: the rule that applies
 * to an operation and the async transitions enabled. Value records are interned, so one cache per
 * spec and reading serves every monitor of every sequence (a monitor's own cache would start cold
 * for each sequence). Each memo is bounded.
 */
export interface RuleCache {
  /** The rule of `op` that applies in `state` (the first whose guard holds), if any. */
  ruleFor(op: Operation, state: AbstractState): Rule | undefined;
  /** The async transitions whose guard holds in `state`. */
  enabledAsync(state: AbstractState): readonly AsyncTransition[];
  /** Every async transition of the spec. */
  readonly asyncTransitions: readonly AsyncTransition[];
}

const caches = new PerSpec<RuleCache>();

/** The shared cache of `spec` under `reading`. */
export function ruleCache(spec: Spec, reading: string): RuleCache {
  return caches.get(spec, reading, createRuleCache);
}

/** The inputs a guard reads: its input conditions and any `equals input.x`. */
function guardInputs(guard: Guard): string[] {
  const inputs = Object.keys(guard.inputs);
  for (const condition of [...Object.values(guard.fields), ...Object.values(guard.inputs)]) {
    if (condition.kind === 'equals' && condition.ref.from === 'input') {
      inputs.push(condition.ref.name);
    }
  }
  return inputs;
}

function createRuleCache(spec: Spec, reading: string): RuleCache {
  const asyncTransitions = spec.transitions.filter(
    (t): t is AsyncTransition => t.trigger.kind === 'async',
  );
  const enabled = new Projected<{ list?: readonly AsyncTransition[] }>(
    fieldsRead(asyncTransitions.map((t) => t.from)),
    () => ({}),
  );
  const operations = new Map<string, OperationRules>();
  const operationRules = (name: string): OperationRules | undefined => {
    let o = operations.get(name);
    if (o === undefined) {
      const rules = spec.operations.get(name)?.rules;
      if (rules === undefined) return undefined;
      const inputs = [...new Set(rules.flatMap((r) => guardInputs(r.when)))].sort();
      const fields = fieldsRead(rules.map((r) => r.when));
      o = {
        rules,
        inputs,
        memo: new Projected(fields, () => new Map() as InputsMemo<Rule | null>),
      };
      operations.set(name, o);
    }
    return o;
  };
  return {
    asyncTransitions,
    enabledAsync(state) {
      // Transition guards read field values only.
      const entry = enabled.of(internValues(state.values));
      entry.list ??= asyncTransitions.filter((t) => guardHolds(t.from, state, undefined, reading));
      return entry.list;
    },
    ruleFor(op, state) {
      const o = operationRules(op.name);
      if (o === undefined) return undefined;
      const level = inputsLevel(o.memo.of(internValues(state.values)), o.inputs, op);
      const key = lastInputPart(o.inputs, op);
      const known = level.get(key);
      if (known !== undefined) return known ?? undefined;
      const rule = o.rules.find((r) => guardHolds(r.when, state, op, reading)) ?? null;
      level.set(key, rule);
      return rule ?? undefined;
    },
  };
}
