import type { Observation } from '../lambda/Observation.ts';

/**
 * @internal The documented answer of CreateFunction for a Zip function, as recorded: Pending,
 * being created, its first RevisionId `r1`.
 */
export const CREATED_FIELDS = {
  State: 'Pending',
  StateReasonCode: 'Creating',
  StateReason: 'The function is being created.',
  RevisionId: 'r1',
  PackageType: 'Zip',
} as const;

/** @internal {@link CREATED_FIELDS} as an observation. */
export const CREATED: Observation = { kind: 'ok', fields: { ...CREATED_FIELDS } };
