import type { Condition, Effects, Guard, InputDecl, Spec } from './Spec.ts';

/**
 * The finite abstraction the spec analyses work on: a valuation gives every enum field a value (int
 * fields are abstracted away). A valuation is an array of value indexes, `state` first and
 * `lastUpdateStatus` second, and has a numeric key (mixed radix) so sets of them stay cheap.
 */

/** Three-valued truth: a condition on an int field or a `$ref` may or may not hold. */
export type Truth = 'yes' | 'no' | 'maybe';

/** A guard compiled against the space: allowed value indexes per enum field and input. */
export interface CompiledGuard {
  readonly fields: readonly { readonly dim: number; readonly allowed: readonly boolean[] }[];
  readonly inputs: readonly { readonly name: string; readonly allowed: readonly boolean[] }[];
  readonly readings: readonly string[];
  /** Has a condition the abstraction cannot decide. */
  readonly uncertain: boolean;
}

/** The enum inputs an operation draws, with their values (int inputs are abstracted away). */
export type EnumInputs = readonly Extract<InputDecl, { type: 'enum' }>[];

function allowedSet(condition: Condition, values: readonly string[]): boolean[] | undefined {
  if (condition.kind !== 'in' && condition.kind !== 'notIn') return undefined;
  const listed = new Set(condition.values.map(String));
  return values.map((v) => listed.has(v) === (condition.kind === 'in'));
}

/** The enum valuation space of one spec. */
export class ValuationSpace {
  readonly dims: readonly { readonly name: string; readonly values: readonly string[] }[];
  readonly size: number;
  private readonly index = new Map<string, number>();

  constructor(private readonly spec: Spec) {
    const enums = [...spec.fields.values()].flatMap((f) => (f.type === 'enum' ? [f] : []));
    const rank = (name: string): number => ['state', 'lastUpdateStatus'].indexOf(name) >>> 0;
    this.dims = enums
      .sort((a, b) => rank(a.name) - rank(b.name))
      .map((f) => ({ name: f.name, values: f.values }));
    this.dims.forEach((d, i) => this.index.set(d.name, i));
    this.size = this.dims.reduce((n, d) => n * d.values.length, 1);
  }

  /** The valuation every function starts in. */
  initial(): number[] {
    return this.dims.map((d) => {
      const field = this.spec.fields.get(d.name);
      return field?.type === 'enum' ? Math.max(0, d.values.indexOf(field.initial)) : 0;
    });
  }

  /** Numeric key of a valuation. */
  key(digits: readonly number[]): number {
    return this.dims.reduce((k, d, i) => k * d.values.length + (digits[i] ?? 0), 0);
  }

  /** The valuation of a key. */
  decode(key: number): number[] {
    const digits = new Array<number>(this.dims.length).fill(0);
    for (let i = this.dims.length - 1; i >= 0; i -= 1) {
      const radix = this.dims[i]?.values.length ?? 1;
      digits[i] = key % radix;
      key = Math.floor(key / radix);
    }
    return digits;
  }

  /** `state=Active, lastUpdateStatus=InProgress, …` */
  describe(digits: readonly number[]): string {
    return this.dims.map((d, i) => `${d.name}=${d.values[digits[i] ?? 0] ?? '?'}`).join(', ');
  }

  /** The value of enum field `name` in a valuation. */
  valueOf(digits: readonly number[], name: string): string | undefined {
    const dim = this.index.get(name);
    return dim === undefined ? undefined : this.dims[dim]?.values[digits[dim] ?? 0];
  }

  /**
   * Every valuation of the dimensions `used` marks, the others at their first value: the analyses of
   * one operation only vary the fields its rules test, which keeps them small.
   */
  valuationsOver(used: readonly boolean[]): number[][] {
    let out: number[][] = [this.dims.map(() => 0)];
    this.dims.forEach((d, i) => {
      if (used[i] !== true) return;
      out = out.flatMap((digits) =>
        d.values.map((_, v) => digits.map((x, j) => (j === i ? v : x))),
      );
    });
    return out;
  }

  /** The dimensions a set of compiled guards tests. */
  usedBy(guards: readonly CompiledGuard[]): boolean[] {
    const used = this.dims.map(() => false);
    for (const guard of guards) for (const { dim } of guard.fields) used[dim] = true;
    return used;
  }

  /** The enum inputs an operation takes. */
  enumInputs(inputs: readonly string[]): EnumInputs {
    return inputs.flatMap((name) => {
      const decl = this.spec.inputs.get(name);
      return decl?.type === 'enum' ? [decl] : [];
    });
  }

  /** Compiles a guard for {@link evaluate}. */
  compile(guard: Guard, inputs: EnumInputs): CompiledGuard {
    let uncertain = false;
    const fields: { dim: number; allowed: boolean[] }[] = [];
    for (const [name, condition] of Object.entries(guard.fields)) {
      const dim = this.index.get(name);
      const allowed =
        dim === undefined ? undefined : allowedSet(condition, this.dims[dim]?.values ?? []);
      if (dim === undefined || allowed === undefined) uncertain = true;
      else fields.push({ dim, allowed });
    }
    const compiledInputs: { name: string; allowed: boolean[] }[] = [];
    for (const [name, condition] of Object.entries(guard.inputs)) {
      const decl = inputs.find((i) => i.name === name);
      const allowed = decl === undefined ? undefined : allowedSet(condition, decl.values);
      if (allowed === undefined) uncertain = true;
      else compiledInputs.push({ name, allowed });
    }
    return { fields, inputs: compiledInputs, readings: guard.readings, uncertain };
  }

  /** Whether a compiled guard holds for a valuation, enum input values (indexes) and a reading. */
  evaluate(
    guard: CompiledGuard,
    digits: readonly number[],
    inputs: Readonly<Record<string, number>>,
    reading: string,
  ): Truth {
    if (guard.readings.length > 0 && !guard.readings.includes(reading)) return 'no';
    for (const { dim, allowed } of guard.fields)
      if (allowed[digits[dim] ?? 0] !== true) return 'no';
    for (const { name, allowed } of guard.inputs)
      if (allowed[inputs[name] ?? 0] !== true) return 'no';
    return guard.uncertain ? 'maybe' : 'yes';
  }

  /** The valuation after `effects` (right-hand sides read the valuation before them). */
  apply(
    effects: Effects,
    digits: readonly number[],
    inputs: Readonly<Record<string, string>>,
  ): number[] {
    const next = [...digits];
    this.dims.forEach((d, i) => {
      const expr = effects.set[d.name];
      if (expr === undefined) return;
      let value: string | undefined;
      if (expr.kind === 'literal') value = String(expr.value);
      else if (expr.kind === 'ref')
        value =
          expr.ref.from === 'field' ? this.valueOf(digits, expr.ref.name) : inputs[expr.ref.name];
      const at = value === undefined ? -1 : d.values.indexOf(value);
      if (at >= 0) next[i] = at;
    });
    return next;
  }
}

/** Every combination of an operation's enum inputs: name → value index (one empty combination when none). */
export function inputCombinations(inputs: EnumInputs): Record<string, number>[] {
  let combos: Record<string, number>[] = [{}];
  for (const input of inputs) {
    combos = combos.flatMap((c) => input.values.map((_, i) => ({ ...c, [input.name]: i })));
  }
  return combos;
}
