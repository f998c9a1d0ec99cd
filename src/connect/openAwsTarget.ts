import { HarnessError } from '../errors/HarnessError.ts';
import type { ScenarioTarget } from '../spec/Scenario.ts';
import type { AwsTargetOptions } from '../targets/aws/AwsTargetOptions.ts';
import type { AwsTarget } from '../targets/aws/createAwsTarget.ts';
import { resolveMutantNames, type OpenedTarget } from './openTarget.ts';
import { controlEventRequests } from '../emulator/controlRoutes.ts';

/** The endpoint value that makes a run start the built-in emulator on 127.0.0.1 for itself. */
export const EMULATOR_ENDPOINT = 'emulator';

/**
 * Opens the `aws` target. With `endpoint: emulator` the run starts its own emulator server on an
 * ephemeral 127.0.0.1 port (mutants and delays from the scenario) and maps every environment event
 * to the emulator's control API, then talks to it through the real SDK over HTTP.
 */
export async function openAwsTarget(
  options: ScenarioTarget,
  reading: string,
): Promise<OpenedTarget> {
  const { createAwsTarget } = await import('../targets/aws/createAwsTarget.ts');
  if (options.endpoint !== EMULATOR_ENDPOINT) {
    if ((options.mutants ?? []).length > 0) {
      throw new HarnessError(
        'MUTANT_NEEDS_SIMULATION',
        `--mutant or the scenario's target.mutants: mutants exist only in the built-in simulation; use --target memory or --endpoint ${EMULATOR_ENDPOINT}.`,
      );
    }
    const target = createAwsTarget({
      ...awsOptions(options),
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    });
    return {
      target,
      info: {
        name: 'aws',
        mutants: [],
        ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      },
      preflight: () => target.preflight(),
      dispose: () => Promise.resolve(target.dispose()),
    };
  }
  const mutants = await resolveMutantNames(options.mutants ?? []);
  const { startEmulator } = await import('../emulator/startEmulator.ts');
  const delays: ScenarioTarget['emulator'] = options.emulator;
  const emulator = await startEmulator({
    mutants,
    ...(delays?.pendingMs !== undefined ? { pendingMs: delays.pendingMs } : {}),
    ...(delays?.updateMs !== undefined ? { updateMs: delays.updateMs } : {}),
    ...(delays?.versionMs !== undefined ? { versionMs: delays.versionMs } : {}),
    ...(delays?.reactivateMs !== undefined ? { reactivateMs: delays.reactivateMs } : {}),
    imagePendingInvoke: options.imagePendingInvoke ?? (reading === 'current' ? 'refuse' : 'allow'),
  });
  const events = controlEventRequests(emulator.url);
  let target: AwsTarget;
  try {
    target = createAwsTarget({
      ...awsOptions(options),
      endpoint: emulator.url,
      events: { ...events, ...options.events },
      imageUris: options.imageUris ?? [1, 2, 3].map((n) => `conformance.local/handler:c${n}`),
    });
  } catch (error) {
    // A bad option must not leave the server listening (it would keep the process alive).
    await emulator.close();
    throw error;
  }
  return {
    target,
    info: { name: 'aws', mutants, endpoint: `${EMULATOR_ENDPOINT} (${emulator.url})` },
    preflight: () => target.preflight(),
    dispose: async () => {
      target.dispose();
      await emulator.close();
    },
  };
}

function awsOptions(options: ScenarioTarget): AwsTargetOptions {
  return {
    ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...(options.runtime !== undefined ? { runtime: options.runtime } : {}),
    ...(options.allowAccounts !== undefined ? { allowAccounts: options.allowAccounts } : {}),
    ...(options.maxApiCalls !== undefined ? { maxApiCalls: options.maxApiCalls } : {}),
    ...(options.imageUris !== undefined ? { imageUris: options.imageUris } : {}),
    ...(options.events !== undefined ? { events: options.events } : {}),
    ...(options.observesCode !== undefined ? { observesCode: options.observesCode } : {}),
  };
}
