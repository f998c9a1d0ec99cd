import type { Operation } from '../lambda/Operation.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { Outcome, Rule } from '../spec/Spec.ts';
import type { AbstractState } from './AbstractState.ts';
import { applyEffects, observeMismatches } from './evaluate.ts';
import type { DivergenceCategory } from './Verdict.ts';

/** The result of holding one observation against one rule in one state. */
export type RuleMatch =
  | { readonly kind: 'match'; readonly successor: AbstractState; readonly unspecified: boolean }
  | {
      readonly kind: 'mismatch';
      readonly reason: string;
      readonly category: DivergenceCategory;
      /**
       * How far the observation is from this outcome, for naming the best-matching state's rule
       * first: a refusal where success was due (or the reverse) is farthest, then a wrong error,
       * then each wrong field; a RevisionId (wrong or missing) that alone breaks the rule is
       * nearest.
       */
      readonly distance: number;
    };

/**
 * A mismatch whose reason is written only when read: most mismatches are never explained (another
 * outcome of the rule, or another possible state, fits the observation).
 */
class Mismatch {
  readonly kind = 'mismatch';
  constructor(
    readonly category: DivergenceCategory,
    readonly distance: number,
    private readonly explain: () => string,
  ) {}

  get reason(): string {
    return this.explain();
  }
}

/** No outcome matched (shared). */
const NO_MATCHES: readonly RuleMatch[] = [];

/** Distances of {@link RuleMatch} mismatches: only their order matters. */
const DISTANCE = { kind: 100, errorType: 10, status: 8, message: 4, field: 1, revision: 0.5 };

/** `error ResourceConflictException (409) /…/`, `ok`, `unspecified`: one allowed outcome, for people. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'ok': {
      const observe = Object.keys(outcome.observe);
      return observe.length === 0 ? 'ok' : `ok observing ${observe.join(', ')}`;
    }
    case 'unspecified':
      return 'unspecified (anything)';
    case 'error': {
      const types = outcome.types === '*' ? 'any error' : `error ${outcome.types.join(' | ')}`;
      const statuses = outcome.statuses === '*' ? '' : ` (${outcome.statuses.join(' | ')})`;
      const message = outcome.message === undefined ? '' : ` matching ${String(outcome.message)}`;
      return `${types}${statuses}${message}`;
    }
  }
}

/** All outcomes of a rule, joined with " or ". */
export function describeRule(rule: Rule): string {
  return rule.outcomes.map(describeOutcome).join(' or ');
}

function checkRevision(after: AbstractState, observed: string | undefined): RuleMatch {
  if (observed === undefined) return { kind: 'match', successor: after, unspecified: false };
  const { last, status } = after.revision;
  if (status === 'same' && last !== null && observed !== last) {
    return {
      kind: 'mismatch',
      category: 'wrong-field',
      reason: `RevisionId changed (${last} → ${observed}) though nothing happened that changes it`,
      distance: DISTANCE.revision,
    };
  }
  if (status === 'fresh' && observed === last) {
    return {
      kind: 'mismatch',
      category: 'wrong-field',
      reason: `RevisionId did not change (stayed ${observed}) though an update or state transition must change it`,
      distance: DISTANCE.revision,
    };
  }
  const successor =
    status === 'same' && last === observed
      ? after
      : { ...after, revision: { last: observed, status: 'same' as const } };
  return { kind: 'match', successor, unspecified: false };
}

/** An unrecorded body: a field it lacks is unknown, so its constraints are left out like unobservable ones. */
function unrecordedFields(
  outcome: Extract<Outcome, { kind: 'ok' }>,
  obs: Extract<Observation, { kind: 'ok' }>,
  unobservable: ReadonlySet<string>,
): ReadonlySet<string> {
  const unknown = Object.keys(outcome.observe).filter((field) => !(field in obs.fields));
  return unknown.length === 0 ? unobservable : new Set([...unobservable, ...unknown]);
}

function matchOne(
  outcome: Outcome,
  obs: Observation,
  state: AbstractState,
  op: Operation,
  at: number,
  unobservable: ReadonlySet<string>,
): RuleMatch {
  switch (outcome.kind) {
    case 'unspecified': {
      // Accepted: the rule's effects happen; refused: nothing happened.
      const successor = obs.kind === 'ok' ? applyEffects(outcome.effects, state, op, at) : state;
      return { kind: 'match', successor, unspecified: true };
    }
    case 'error': {
      if (obs.kind !== 'error') {
        return {
          kind: 'mismatch',
          category: 'forbidden-accepted',
          reason: 'the operation succeeded',
          distance: DISTANCE.kind,
        };
      }
      if (outcome.types !== '*' && !outcome.types.includes(obs.type)) {
        return new Mismatch('wrong-error', DISTANCE.errorType, () => `error type was ${obs.type}`);
      }
      if (outcome.statuses !== '*' && !outcome.statuses.includes(obs.status)) {
        return new Mismatch('wrong-error', DISTANCE.status, () => `HTTP status was ${obs.status}`);
      }
      if (outcome.message !== undefined && !outcome.message.test(obs.message)) {
        return new Mismatch('wrong-error', DISTANCE.message, () => `message was "${obs.message}"`);
      }
      return {
        kind: 'match',
        successor: applyEffects(outcome.effects, state, op, at),
        unspecified: false,
      };
    }
    case 'ok': {
      if (obs.kind !== 'ok') {
        return new Mismatch('allowed-refused', DISTANCE.kind, () => {
          const refusal =
            obs.kind === 'error' ? `${obs.type} (${obs.status}): ${obs.message}` : obs.reason;
          return `refused with ${refusal}`;
        });
      }
      const after = applyEffects(outcome.effects, state, op, at);
      const hidden =
        obs.unrecorded === true ? unrecordedFields(outcome, obs, unobservable) : unobservable;
      const mismatches = observeMismatches(outcome.observe, obs.fields, after, op, hidden);
      if (mismatches.length > 0) {
        const category: DivergenceCategory = mismatches.some(
          (m) => m.field === 'ranCode' || m.field === 'ranConfig',
        )
          ? 'wrong-code'
          : mismatches.some(
                (m) =>
                  m.expected === 'absent' || m.observed === 'absent' || m.expected === 'present',
              )
            ? 'missing-or-extra-field'
            : 'wrong-field';
        // A missing RevisionId weighs like a wrong one: the answer's own fault, nearest of all.
        const distance = mismatches.reduce(
          (sum, m) => sum + (m.field === 'RevisionId' ? DISTANCE.revision : DISTANCE.field),
          0,
        );
        return new Mismatch(category, distance, () =>
          mismatches
            .map((m) => `${m.field}: expected ${m.expected}, observed ${m.observed}`)
            .join('; '),
        );
      }
      const rid = obs.fields['RevisionId'];
      return checkRevision(after, typeof rid === 'string' ? rid : undefined);
    }
  }
}

/**
 * Holds an observation against every outcome of a rule. Returns each match (one per allowed outcome
 * that fits) or, when none fits, the mismatch of the outcome closest to the observation's kind.
 */
export function matchRule(
  rule: Rule,
  obs: Observation,
  state: AbstractState,
  op: Operation,
  at: number,
  unobservable: ReadonlySet<string>,
): { readonly matches: readonly RuleMatch[]; readonly mismatch?: RuleMatch } {
  // One pass, no intermediate lists: this runs for every possible state at every step.
  let matches: RuleMatch[] | undefined;
  // The outcome nearest the observation explains it best (a wrong error beats "should have succeeded").
  let mismatch: Extract<RuleMatch, { kind: 'mismatch' }> | undefined;
  for (const outcome of rule.outcomes) {
    const r = matchOne(outcome, obs, state, op, at, unobservable);
    if (r.kind === 'match') (matches ??= []).push(r);
    else if (matches === undefined && (mismatch === undefined || r.distance < mismatch.distance)) {
      mismatch = r;
    }
  }
  if (matches !== undefined) return { matches };
  return mismatch === undefined ? { matches: NO_MATCHES } : { matches: NO_MATCHES, mismatch };
}
