/**
 * The order of the calls a recorded test made, whatever it was read from (the test code or an order
 * file given by the user): the input of the trace builder.
 */

/** Common to every planned call. */
interface PlannedBase {
  /** Where the call is written: `test_lambda_api.py:340`, `orders/x.order:3`. */
  readonly where: string;
  /** The logical function it addresses (`fn0`, `fn1`, …). */
  readonly fn: string;
  /** The recording's key holding the answer; absent when the answer was not recorded. */
  readonly key?: string;
  /** The key holds only part of the answer (e.g. one member of the response). */
  readonly partial?: boolean;
  /** The call raised an error whose answer was not recorded. */
  readonly refused?: boolean;
}

/**
 * One call of the recorded test:
 * - `spec`: an operation of the spec, with the arguments known from the test (the builder infers
 *   the others from the answers);
 * - `outside`: a call the spec's operations do not cover (`untag_resource`, a qualified
 *   `delete_function`, …). `mutating` says whether it may change the function: a read is simply
 *   left out, a change the spec cannot follow ends the function's trace.
 */
export type PlannedCall =
  | (PlannedBase & {
      readonly kind: 'spec';
      readonly operation: string;
      readonly args: Readonly<Record<string, string | number>>;
    })
  | (PlannedBase & {
      readonly kind: 'outside';
      /** What was called, one word: `untag_resource`, `delete_function[qualified]`. */
      readonly call: string;
      readonly mutating: boolean;
    });

/** The calls of one recorded test in order, and where that order comes from. */
export interface CallPlan {
  readonly calls: readonly PlannedCall[];
  /** `test code tests/…/test_lambda_api.py:325` or the order file's path. */
  readonly order: string;
  /** What reading the order left out, one sentence each. */
  readonly notes: readonly string[];
}
