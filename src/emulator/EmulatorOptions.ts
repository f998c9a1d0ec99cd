import { HarnessError } from '../errors/HarnessError.ts';
import type { AccountPolicy } from './AccountPolicy.ts';
import type { ImagePendingInvoke } from '../targets/memory/SimulationOptions.ts';

/** Options of {@link startEmulator}, as a caller gives them. Every field has a default. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** TCP port; `0` (the default) picks an ephemeral one. */
  readonly port?: number;
  /** Mutant names (see `MUTANTS` in src/targets/memory/mutants.ts) switched on at start. */
  readonly mutants?: readonly string[];
  /** How long a new function stays Pending (ms); default 1000. */
  readonly pendingMs?: number;
  /** How long an update stays InProgress (ms); default 1000. */
  readonly updateMs?: number;
  /** How long a published version stays Pending (ms); default 500. */
  readonly versionMs?: number;
  /** How long an Inactive function takes to come back after its first invocation (ms); default 2000. */
  readonly reactivateMs?: number;
  /** Largest request body accepted (bytes); default 16 MiB. Larger bodies get a 413. */
  readonly maxBodyBytes?: number;
  /** Whether Image functions may be invoked while Pending; default `allow`. */
  readonly imagePendingInvoke?: ImagePendingInvoke;
  /**
   * What the account behind the emulator refuses (roles it cannot assume, runtimes it does not
   * offer, denied actions), as the service refuses it; default: nothing.
   */
  readonly policy?: AccountPolicy;
}

/** {@link EmulatorOptions} with every default applied and every value checked. */
export interface ResolvedEmulatorOptions {
  readonly host: string;
  readonly port: number;
  readonly mutants: readonly string[];
  readonly pendingMs: number;
  readonly updateMs: number;
  readonly versionMs: number;
  readonly reactivateMs: number;
  readonly maxBodyBytes: number;
  readonly imagePendingInvoke: ImagePendingInvoke;
  readonly policy: AccountPolicy;
}

/** The defaults of {@link EmulatorOptions}. */
export const EMULATOR_DEFAULTS: ResolvedEmulatorOptions = {
  host: '127.0.0.1',
  port: 0,
  mutants: [],
  pendingMs: 1000,
  updateMs: 1000,
  versionMs: 500,
  reactivateMs: 2000,
  maxBodyBytes: 16 * 1024 * 1024,
  imagePendingInvoke: 'allow',
  policy: {},
};

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HarnessError(
      'INVALID_EMULATOR_OPTION',
      `emulator option ${name} is ${String(value)}; give an integer from ${String(min)} to ${String(max)}`,
    );
  }
  return value;
}

/** Applies the defaults and rejects out-of-range numbers with a HarnessError naming the option. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const d = EMULATOR_DEFAULTS;
  const day = 24 * 60 * 60 * 1000;
  const imagePendingInvoke = options.imagePendingInvoke ?? d.imagePendingInvoke;
  if (imagePendingInvoke !== 'allow' && imagePendingInvoke !== 'refuse') {
    throw new HarnessError(
      'INVALID_EMULATOR_OPTION',
      `emulator option imagePendingInvoke is '${String(imagePendingInvoke)}'; use 'allow' or 'refuse'`,
    );
  }
  return {
    host: options.host ?? d.host,
    port: checkInteger('port', options.port ?? d.port, 0, 65535),
    mutants: [...(options.mutants ?? d.mutants)],
    pendingMs: checkInteger('pendingMs', options.pendingMs ?? d.pendingMs, 0, day),
    updateMs: checkInteger('updateMs', options.updateMs ?? d.updateMs, 0, day),
    versionMs: checkInteger('versionMs', options.versionMs ?? d.versionMs, 0, day),
    reactivateMs: checkInteger('reactivateMs', options.reactivateMs ?? d.reactivateMs, 0, day),
    maxBodyBytes: checkInteger(
      'maxBodyBytes',
      options.maxBodyBytes ?? d.maxBodyBytes,
      1,
      1024 * 1024 * 1024,
    ),
    imagePendingInvoke,
    policy: options.policy ?? d.policy,
  };
}
