import type { Operation } from '../lambda/Operation.ts';
import type { Guard, Rule, Spec, Transition } from '../spec/Spec.ts';
import { internValues, type AbstractState, type Values } from './AbstractState.ts';
import { guardHolds, inputsKey } from './evaluate.ts';
import { RecordTable } from './RecordTable.ts';

/** An async transition of the spec. */
export type AsyncTransition = Transition & { trigger: { kind: 'async' } };

/** Entries one memo holds before it starts afresh (the spec's value domain is far smaller). */
const MAX_ENTRIES = 4096;

/** The rules of one operation and the inputs their guards read. */
interface OperationRules {
  readonly rules: readonly Rule[];
  readonly inputs: readonly string[];
  /** The applicable rule (null: none) by the inputs read (joined), per value record. */
  readonly memo: Projected<Map<string, Rule | null>>;
}

/**
 * Entries shared by every value record equal in the fields some guards read: a guard's outcome
 * depends on nothing else, so a record met for the first time that agrees with a known one on
 * those fields (most differ only in counters and code numbers no guard reads) finds its answers
 * known. Looked up by record identity (records are interned), the fields' text only on a miss.
 */
class Projected<T> {
  private readonly byRecord = new RecordTable<T>();
  private recorded = 0;
  private readonly byProjection = new Map<string, T>();

  constructor(
    private readonly fields: readonly string[],
    private readonly create: () => T,
  ) {}

  /** The entry of `values` (created empty for a projection not met before). */
  of(values: Values): T {
    let entry = this.byRecord.get(values);
    if (entry === undefined) {
      let key = '';
      for (const field of this.fields) {
        const value = values[field];
        // Guards compare values by their text (see `sameValue`); absent is told apart.
        key += value === undefined ? '\u0001\u0000' : `${String(value)}\u0000`;
      }
      entry = this.byProjection.get(key);
      if (entry === undefined) {
        if (this.byProjection.size >= MAX_ENTRIES) this.byProjection.clear();
        entry = this.create();
        this.byProjection.set(key, entry);
      }
      if (++this.recorded > MAX_ENTRIES) {
        this.byRecord.clear();
        this.recorded = 1;
      }
      this.byRecord.set(values, entry);
    }
    return entry;
  }
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

const caches = new WeakMap<Spec, Map<string, RuleCache>>();

/** The shared cache of `spec` under `reading`. */
export function ruleCache(spec: Spec, reading: string): RuleCache {
  let byReading = caches.get(spec);
  if (byReading === undefined) {
    byReading = new Map();
    caches.set(spec, byReading);
  }
  let cache = byReading.get(reading);
  if (cache === undefined) {
    cache = createRuleCache(spec, reading);
    byReading.set(reading, cache);
  }
  return cache;
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
      o = { rules, inputs, memo: new Projected(fields, () => new Map<string, Rule | null>()) };
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
      const byInputs = o.memo.of(internValues(state.values));
      const key = inputsKey(o.inputs, op);
      const known = byInputs.get(key);
      if (known !== undefined) return known ?? undefined;
      const rule = o.rules.find((r) => guardHolds(r.when, state, op, reading)) ?? null;
      byInputs.set(key, rule);
      return rule ?? undefined;
    },
  };
}
