import * as fc from 'fast-check';

/** Most draws of a sequence before one that does nothing is kept anyway. */
const MAX_DRAWS = 100;

/**
 * Sequences that each do something: a sequence drawn without a command `does` is drawn again from
 * the same randomness (the next values of the same run), so a sequence that does something is
 * generated exactly as before. Shrinking is the inner arbitrary's, untouched: the replay paths of
 * shrunk sequences stay the same (a shrink that does nothing simply passes).
 */
class DoingSequenceArbitrary<T extends Iterable<unknown>> extends fc.Arbitrary<T> {
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly does: (element: unknown) => boolean,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    let drawn = this.inner.generate(mrng, biasFactor);
    for (let draw = 1; draw < MAX_DRAWS && !this.doesSomething(drawn); draw++)
      drawn = this.inner.generate(mrng, biasFactor);
    return drawn;
  }

  private doesSomething(drawn: fc.Value<T>): boolean {
    // value_: the value itself; `value` would clone a cloneable one (fast-check's commands).
    for (const element of drawn.value_) if (this.does(element)) return true;
    return false;
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}

/**
 * `sequences`, each holding at least one element that `does` something (a command that checks an
 * operation): one drawn without any is drawn again (at most {@link MAX_DRAWS} times, then kept).
 * Sequences that do something are generated and shrunk exactly as by `sequences` alone.
 */
export function doingSequence<T extends Iterable<unknown>>(
  sequences: fc.Arbitrary<T>,
  does: (element: unknown) => boolean,
): fc.Arbitrary<T> {
  return new DoingSequenceArbitrary(sequences, does);
}
