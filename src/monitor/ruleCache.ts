import type { Operation } from '../lambda/Operation.ts';
import type { Guard, Rule, Spec, Transition } from '../spec/Spec.ts';
import { internValues, type AbstractState, type Values } from './AbstractState.ts';
import { guardHolds, inputsKey } from './evaluate.ts';

/** An async transition of the spec. */
export type AsyncTransition = Transition & { trigger: { kind: 'async' } };

/** Entries one memo holds before it starts afresh (the spec's value domain is far smaller). */
const MAX_ENTRIES = 4096;

/** The rules of one operation and the inputs their guards read. */
interface OperationRules {
  readonly rules: readonly Rule[];
  readonly inputs: readonly string[];
  /** The applicable rule (null: none) by value record, then by the inputs read (joined). */
  readonly memo: Map<Values, Map<string, Rule | null>>;
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
  const enabled = new Map<Values, readonly AsyncTransition[]>();
  const operations = new Map<string, OperationRules>();
  const operationRules = (name: string): OperationRules | undefined => {
    let o = operations.get(name);
    if (o === undefined) {
      const rules = spec.operations.get(name)?.rules;
      if (rules === undefined) return undefined;
      const inputs = [...new Set(rules.flatMap((r) => guardInputs(r.when)))].sort();
      o = { rules, inputs, memo: new Map() };
      operations.set(name, o);
    }
    return o;
  };
  return {
    asyncTransitions,
    enabledAsync(state) {
      // Transition guards read field values only.
      const values = internValues(state.values);
      let list = enabled.get(values);
      if (list === undefined) {
        list = asyncTransitions.filter((t) => guardHolds(t.from, state, undefined, reading));
        if (enabled.size >= MAX_ENTRIES) enabled.clear();
        enabled.set(values, list);
      }
      return list;
    },
    ruleFor(op, state) {
      const o = operationRules(op.name);
      if (o === undefined) return undefined;
      const values = internValues(state.values);
      const key = inputsKey(o.inputs, op);
      let byInputs = o.memo.get(values);
      const known = byInputs?.get(key);
      if (known !== undefined) return known ?? undefined;
      const rule = o.rules.find((r) => guardHolds(r.when, state, op, reading)) ?? null;
      if (byInputs === undefined) {
        if (o.memo.size >= MAX_ENTRIES) o.memo.clear();
        byInputs = new Map();
        o.memo.set(values, byInputs);
      }
      byInputs.set(key, rule);
      return rule ?? undefined;
    },
  };
}
