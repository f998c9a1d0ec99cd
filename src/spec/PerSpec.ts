import type { Spec } from './Spec.ts';

/**
 * Values worked out once per spec object and key (a reading, a set of options), and kept for as
 * long as the spec is: what the monitor's and planner's shared caches hang on a spec. `make` is
 * called with the spec and key the first time they are asked for (a module-level function: no
 * closure is made per look-up on a hot path).
 */
export class PerSpec<T> {
  readonly #bySpec = new WeakMap<Spec, Map<string, T>>();

  /** The value for `spec` and `key`, made by `make(spec, key)` the first time. */
  get(spec: Spec, key: string, make: (spec: Spec, key: string) => T): T {
    let byKey = this.#bySpec.get(spec);
    if (byKey === undefined) {
      byKey = new Map();
      this.#bySpec.set(spec, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = make(spec, key);
      byKey.set(key, value);
    }
    return value;
  }
}
