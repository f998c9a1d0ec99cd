import { expect } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { activeZip, outcome, ran } from './simulation.testkit.ts';
import type { Fixture } from './simulation.testkit.ts';

/**
 * @internal A script run against a faithful and a mutated simulation alike, and what each must
 * answer (matched with `toMatchObject`): the exact behaviour the mutant changes.
 */
export interface MutantScenario {
  readonly run: (f: Fixture) => object;
  readonly faithful: object;
  readonly mutated: object;
}

/** @internal The shape `outcome` gives a 409 ResourceConflictException. */
export const CONFLICT = { error: 'ResourceConflictException', status: 409 } as const;

/** @internal The configuration members ListFunctions must not carry. */
export const STATE_MEMBERS = [
  'State',
  'StateReason',
  'StateReasonCode',
  'LastUpdateStatus',
  'LastUpdateStatusReason',
  'LastUpdateStatusReasonCode',
] as const;

/** @internal Invokes `name` and returns the handler's `{code, config}` or the Lambda error. */
export function invokeOutcome(f: Fixture, name = 'f'): unknown {
  return outcome(() => ran(f.sim.invoke(name, undefined, '{}')));
}

/** @internal `GetFunctionConfiguration` of `name`. */
export function configOf(
  f: Fixture,
  name = 'f',
): ReturnType<Fixture['sim']['getFunctionConfiguration']> {
  return f.sim.getFunctionConfiguration(name);
}

/** @internal Updates function `f` to code revision `code`. */
export function updateCode(
  f: Fixture,
  code: number,
): ReturnType<Fixture['sim']['updateFunctionCode']> {
  return f.sim.updateFunctionCode('f', { ZipFile: buildHandlerZip(code) });
}

/** @internal An Active Zip function `f` that idle-reclaim made Inactive. */
export function inactiveZip(f: Fixture): void {
  activeZip(f, 'f');
  f.sim.inject('idle-reclaim', 'f');
}

/** @internal An asymmetric matcher for a string containing `text`. */
export function textContaining(text: string): unknown {
  return expect.stringContaining(text) as unknown;
}
