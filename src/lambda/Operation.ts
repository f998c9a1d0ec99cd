import { compareNames } from '../text/compareNames.ts';

/**
 * A concrete operation the harness sends to a target: a spec operation name, the logical function it
 * addresses (`fn0`, `fn1`, …, mapped to a real name by the session) and its abstract arguments.
 *
 * Argument values are abstract on purpose: `code: 3` is "code revision 3" (the deployed handler
 * answers `{"code":3,…}`), `config: 2` is "configuration revision 2" (environment variable
 * `CONFORMANCE_CONFIG=2`), `packageType: 'Image'`, `revisionId: 'stale'` (send a RevisionId that is
 * known not to be the latest). A target maps them to real requests.
 */
export interface Operation {
  readonly name: string;
  readonly fn: string;
  readonly args: Readonly<Record<string, string | number>>;
}

/** Stable replay text: `UpdateFunctionCode(fn0, code=3, revisionId=stale)`. */
export function formatOperation(op: Operation): string {
  const args = Object.entries(op.args)
    .sort(([a], [b]) => compareNames(a, b))
    .map(([k, v]) => `${k}=${String(v)}`);
  return `${op.name}(${[op.fn, ...args].join(', ')})`;
}

/** Lambda package types. */
export type PackageType = 'Zip' | 'Image';
