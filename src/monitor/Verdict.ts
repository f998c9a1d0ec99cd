import type { Citation } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Operation } from '../lambda/Operation.ts';

/** How an observation broke the spec; every reporter groups divergences by it. */
export type DivergenceCategory =
  | 'forbidden-accepted'
  | 'allowed-refused'
  | 'wrong-error'
  | 'wrong-field'
  | 'missing-or-extra-field'
  | 'too-late'
  | 'wrong-code';

/** People-readable names of the categories, in report order. */
export const CATEGORY_TITLES: Readonly<Record<DivergenceCategory, string>> = {
  'forbidden-accepted': 'Forbidden operation accepted',
  'allowed-refused': 'Allowed operation refused',
  'wrong-error': 'Wrong error type, status or message',
  'wrong-field': 'Wrong state or field value',
  'missing-or-extra-field': 'Missing or extra field',
  'too-late': 'Too late or never (time bound)',
  'wrong-code': 'Wrong code or configuration ran',
};

/** What the spec expected in one state that was possible just before the operation. */
export interface Expectation {
  /** The rule (or transition, for `too-late`) that decided. */
  readonly ruleId: string;
  /** The abstract state, `state=Active lastUpdateStatus=InProgress …`. */
  readonly state: string;
  /** `error ResourceConflictException (409) /An update is in progress/`, `ok with State=Pending`. */
  readonly expected: string;
  /** Why the observation does not fit. */
  readonly reason: string;
  readonly category: DivergenceCategory;
  readonly cite: readonly Citation[];
}

/** The checker's verdict on one observed operation. */
export type StepVerdict =
  | { readonly kind: 'conformant'; readonly rules: readonly string[] }
  | { readonly kind: 'unspecified'; readonly rules: readonly string[] }
  | { readonly kind: 'inconclusive'; readonly rules: readonly string[]; readonly reason: string }
  | {
      readonly kind: 'divergence';
      readonly rules: readonly string[];
      readonly category: DivergenceCategory;
      readonly observation: Observation;
      readonly expectations: readonly Expectation[];
      /**
       * The rules the target broke, when not simply every expectation's rule: with a culprit, the
       * rules of the culprit step (the final step's expectations only show where it came to light).
       */
      readonly violated?: readonly string[];
      /**
       * Set when an earlier observation is to blame: it was allowed only on the assumption that an
       * async transition had happened, which this observation disproves.
       */
      readonly culprit?: {
        readonly operation: Operation;
        readonly observation: Observation;
        readonly startedAt: number;
      };
    };

/** One-line form of an observation: `ok {State: Pending}` or `error ResourceConflictException (409): …`. */
export function describeObservation(obs: Observation): string {
  switch (obs.kind) {
    case 'ok': {
      const fields = Object.entries(obs.fields)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
      const ok = obs.unrecorded === true ? 'ok (body not recorded)' : 'ok';
      return fields === '' ? ok : `${ok} {${fields}}`;
    }
    case 'error':
      return `error ${obs.type} (${obs.status}): ${obs.message}`;
    case 'inconclusive':
      return `inconclusive: ${obs.reason}`;
  }
}

/** The rules a divergence broke: {@link StepVerdict} `violated`, else every expectation's rule. */
export function violatedRules(
  verdict: Pick<Extract<StepVerdict, { kind: 'divergence' }>, 'violated' | 'expectations'>,
): readonly string[] {
  return verdict.violated ?? [...new Set(verdict.expectations.map((e) => e.ruleId))];
}
