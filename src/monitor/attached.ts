/**
 * Where {@link attached} keeps one kind of value: a symbol on the objects that can take a property,
 * a weak map for those that cannot (frozen, sealed).
 */
export interface Slot<T> {
  readonly key: symbol;
  readonly fallback: WeakMap<object, T>;
}

/** A new slot; `name` only shows in a debugger. */
export function slot<T>(name: string): Slot<T> {
  return { key: Symbol(name), fallback: new WeakMap() };
}

/**
 * The value `make` computes for `owner`, computed once and kept on `owner` itself under the slot's
 * symbol, not enumerable: no listing, spreading, comparing or cloning of the object sees it, and
 * reading it back is a property read rather than a weak-map lookup (the monitor does this for
 * every guard, effect and observation it evaluates, at every step).
 */
export function attached<K extends object, T>(owner: K, where: Slot<T>, make: (owner: K) => T): T {
  const own = (owner as Record<symbol, T | undefined>)[where.key];
  if (own !== undefined) return own;
  const kept = where.fallback.get(owner);
  if (kept !== undefined) return kept;
  const value = make(owner);
  if (Object.isExtensible(owner)) {
    Object.defineProperty(owner, where.key, { value, enumerable: false });
  } else where.fallback.set(owner, value);
  return value;
}
