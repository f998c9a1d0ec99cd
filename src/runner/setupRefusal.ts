import { AWS_CLIENT_ERRORS } from '../lambda/clientErrors.ts';
import type { Observation } from '../lambda/Observation.ts';
import { formatOperation, type Operation } from '../lambda/Operation.ts';
import type { Spec } from '../spec/Spec.ts';
import type { DivergenceVerdict } from './StepChecker.ts';

/** Statuses of an answer about the caller's identity or permissions, never about a function. */
const CALLER_STATUSES: ReadonlySet<number> = new Set([401, 403]);

/** Whether some rule of `operation` expects an error of exactly this type (`*` does not count). */
function specNames(spec: Spec, operation: string, type: string): boolean {
  const rules = spec.operations.get(operation)?.rules ?? [];
  return rules.some((rule) =>
    rule.outcomes.some((o) => o.kind === 'error' && o.types !== '*' && o.types.includes(type)),
  );
}

/**
 * Why a divergent error answer is a setup problem of the run rather than a divergence, or
 * `undefined` when it is judged as a divergence. It is one when the target refused the harness's
 * own request with a 4xx (429 is throttling) of a type no rule of the operation names, and either
 * - the type or status is about the request or the caller, never about a function
 *   (`AccessDeniedException`, `ValidationException`, … see `AWS_CLIENT_ERRORS`; 401, 403), or
 * - the spec expected the operation to succeed in every state possible before it (every
 *   expectation is `allowed-refused`): an execution role Lambda cannot assume, a runtime the
 *   endpoint does not offer.
 *
 * A refusal where some possible state expects an error (a 400 where a 409 is documented) stays a
 * divergence, and so does any error type the spec names for the operation.
 */
export function setupRefusal(
  spec: Spec,
  op: Operation,
  obs: Observation,
  verdict: DivergenceVerdict,
): string | undefined {
  if (obs.kind !== 'error' || obs.status < 400 || obs.status >= 500 || obs.status === 429) {
    return undefined;
  }
  if (specNames(spec, op.name, obs.type)) return undefined;
  const aboutCaller = AWS_CLIENT_ERRORS.has(obs.type) || CALLER_STATUSES.has(obs.status);
  const expectedSuccess =
    verdict.expectations.length > 0 &&
    verdict.expectations.every((e) => e.category === 'allowed-refused');
  if (!aboutCaller && !expectedSuccess) return undefined;
  return (
    `setup error: ${formatOperation(op)} was refused with ${obs.type} (${String(obs.status)}): ${obs.message}. ` +
    'The target refused the harness’s own request (an execution role Lambda cannot assume, missing permissions, ' +
    'a runtime or parameter it does not accept), which says nothing about the lifecycle: fix the setup ' +
    '(--role, the credentials and their permissions, the endpoint’s configuration) and run again.'
  );
}
