import { createHash } from 'node:crypto';
import { copyHandlerZip } from '../handler/buildHandlerZip.ts';

/** Deployed code: a zip archive or a container image, with the CodeSha256 Lambda reports. */
export type FunctionCode =
  | {
      readonly kind: 'Zip';
      readonly zip: Uint8Array;
      readonly sha256: string;
      readonly size: number;
    }
  | {
      readonly kind: 'Image';
      readonly imageUri: string;
      readonly sha256: string;
      readonly size: 0;
    };

/** The configuration members the simulation keeps per revision. */
export interface FunctionSettings {
  readonly description: string;
  readonly timeout: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
}

/** Code plus configuration: what an invocation runs and what a version freezes. */
export interface Deployment {
  readonly code: FunctionCode;
  readonly settings: FunctionSettings;
}

/** Changes an update request asks for; absent members keep their value. */
export interface SettingsChange {
  readonly Description?: string;
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly Environment?: { readonly Variables?: Readonly<Record<string, string>> };
}

/** Lambda's defaults for a function created without these members. */
export const DEFAULT_SETTINGS: FunctionSettings = {
  description: '',
  timeout: 3,
  memorySize: 128,
  environment: {},
};

function sha256Base64(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64');
}

/** Zip code; CodeSha256 is the base64 SHA-256 of the archive, as Lambda reports it. */
export function zipCode(zip: Uint8Array): FunctionCode {
  // A private copy: a caller mutating its buffer must not change deployed code.
  const copy = copyHandlerZip(zip);
  return { kind: 'Zip', zip: copy, sha256: sha256Base64(copy), size: copy.byteLength };
}

/** Image code; the simulation pulls no image, so CodeSha256 is the SHA-256 of the URI. */
export function imageCode(imageUri: string): FunctionCode {
  return { kind: 'Image', imageUri, sha256: sha256Base64(imageUri), size: 0 };
}

/** `base` with the members `change` sets; `Environment.Variables` replaces the whole map. */
export function applySettingsChange(
  base: FunctionSettings,
  change: SettingsChange,
): FunctionSettings {
  return {
    description: change.Description ?? base.description,
    timeout: change.Timeout ?? base.timeout,
    memorySize: change.MemorySize ?? base.memorySize,
    environment:
      change.Environment === undefined
        ? base.environment
        : { ...(change.Environment.Variables ?? {}) },
  };
}

function sameEnvironment(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Whether two deployments have the same code (by CodeSha256) and the same configuration. */
export function sameDeployment(a: Deployment, b: Deployment): boolean {
  return (
    a.code.sha256 === b.code.sha256 &&
    a.settings.description === b.settings.description &&
    a.settings.timeout === b.settings.timeout &&
    a.settings.memorySize === b.settings.memorySize &&
    sameEnvironment(a.settings.environment, b.settings.environment)
  );
}
