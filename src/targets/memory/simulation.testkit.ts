import { expect } from 'vitest';
import { buildHandlerZip } from '../handler/buildHandlerZip.ts';
import { imageUriFor } from '../handler/imageUri.ts';
import { LambdaApiError } from '../../lambda/LambdaApi.ts';
import type { FunctionConfiguration, InvokeResponse } from '../../lambda/LambdaApi.ts';
import type { Timing } from '../Target.ts';
import { LambdaSimulation } from './LambdaSimulation.ts';
import type { MutantName } from './mutants.ts';
import type { ImagePendingInvoke } from './SimulationOptions.ts';

/** @internal Timing for simulation tests: every delay distinct, so order bugs show. */
export const TEST_TIMING: Timing = {
  provisionMs: 1000,
  updateMs: 500,
  versionMs: 300,
  reactivateMs: 2000,
};

/** @internal A simulation on a manual clock. */
export interface Fixture {
  readonly sim: LambdaSimulation;
  advance(ms: number): void;
}

/** @internal A fresh simulation on a manual clock at 0. */
export function fixture(
  options: {
    mutants?: MutantName[];
    imagePendingInvoke?: ImagePendingInvoke;
    timing?: Timing;
  } = {},
): Fixture {
  let time = 0;
  const sim = new LambdaSimulation({
    clock: () => time,
    timing: options.timing ?? TEST_TIMING,
    mutants: options.mutants ?? [],
    imagePendingInvoke: options.imagePendingInvoke ?? 'allow',
  });
  return {
    sim,
    advance: (ms) => {
      time += ms;
    },
  };
}

/** @internal The environment of configuration revision `config`. */
export function env(config: number): { Variables: Record<string, string> } {
  return { Variables: { CONFORMANCE_CONFIG: String(config) } };
}

/** @internal Creates a Zip function running code revision `code` with configuration `config`. */
export function createZip(f: Fixture, name: string, code = 1, config = 1): FunctionConfiguration {
  return f.sim.createFunction({
    FunctionName: name,
    Role: 'arn:aws:iam::123456789012:role/test',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Code: { ZipFile: buildHandlerZip(code) },
    Environment: env(config),
  });
}

/** @internal Creates an Image function running code revision `code` with configuration `config`. */
export function createImage(f: Fixture, name: string, code = 1, config = 1): FunctionConfiguration {
  return f.sim.createFunction({
    FunctionName: name,
    Role: 'arn:aws:iam::123456789012:role/test',
    PackageType: 'Image',
    Code: { ImageUri: imageUriFor(code) },
    Environment: env(config),
  });
}

/** @internal Creates a Zip function and lets its provisioning finish. */
export function activeZip(f: Fixture, name: string, code = 1, config = 1): void {
  createZip(f, name, code, config);
  f.advance(TEST_TIMING.provisionMs);
}

/** @internal The `{code, config}` an invocation's handler answered. */
export function ran(response: InvokeResponse): { code: number; config: number | null } {
  return JSON.parse(response.Payload) as { code: number; config: number | null };
}

/** @internal Runs `action`, expects a LambdaApiError of `type`/`status`, returns it. */
export function expectApiError(
  action: () => unknown,
  type: string,
  status: number,
): LambdaApiError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(LambdaApiError);
  const error = caught as LambdaApiError;
  expect({ type: error.type, status: error.status }).toEqual({ type, status });
  return error;
}

/** @internal The unqualified ARN the simulation gives `name` with its default region/account. */
export function arnOf(name: string): string {
  return `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
}

/** @internal What a call answered: its value or the Lambda error, for side-by-side comparison. */
export function outcome(action: () => unknown): unknown {
  try {
    return { ok: action() };
  } catch (error) {
    if (!(error instanceof LambdaApiError)) throw error;
    return { error: error.type, status: error.status, message: error.message };
  }
}
