/**
 * What a target saw when it applied an operation, in the harness's observation vocabulary (see
 * spec/README.md, "Observation fields"). Both the memory and the aws targets build it with
 * `observeResponse` so they can never disagree on naming.
 *
 * - `ok`: the call succeeded; `fields` holds the observed fields. A field the response did not carry
 *   is simply missing (the spec's `absent`). With `unrecorded: true` (imported recordings only) the
 *   body was not, or not wholly, recorded: a field missing from `fields` is unknown, not absent, and
 *   no constraint on it is checked.
 * - `error`: the service refused the call: error type (`ResourceConflictException`), HTTP status and
 *   message.
 * - `inconclusive`: infrastructure trouble (throttling, 5xx after retries, timeouts, network): the
 *   harness cannot tell what happened. Never a divergence.
 */
export type Observation =
  | { readonly kind: 'ok'; readonly fields: ObservedFields; readonly unrecorded?: true }
  | {
      readonly kind: 'error';
      readonly type: string;
      readonly status: number;
      readonly message: string;
    }
  | { readonly kind: 'inconclusive'; readonly reason: string };

/** Observed response fields: string, number or boolean values; absent fields are missing keys. */
export type ObservedFields = Readonly<Record<string, string | number | boolean>>;
