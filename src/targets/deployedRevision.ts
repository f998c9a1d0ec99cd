import { createHash } from 'node:crypto';
import { buildHandlerZip } from './handler/buildHandlerZip.ts';
import { imageUriFor } from './handler/imageUri.ts';

/**
 * Reading back which code and configuration revision a FunctionConfiguration holds, from what every
 * Lambda answer carries: `CodeSha256` (the base64 SHA-256 of the deployed zip) and the
 * `CONFORMANCE_CONFIG` environment variable the targets set for configuration revision N.
 */

/** Revisions 0..{@link KNOWN_REVISIONS}-1 are recognised by their CodeSha256. */
const KNOWN_REVISIONS = 32;

type Loose = Partial<Record<string, unknown>>;

function sha256Base64(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64');
}

/**
 * CodeSha256 → revision for one kind of code, filled on demand in revision order: a run that
 * deploys revisions 1..3 hashes only those (and revision 0), never all {@link KNOWN_REVISIONS}.
 */
class RevisionHashes {
  private readonly byHash = new Map<string, number>();
  private next = 0;

  constructor(private readonly codeOf: (code: number) => Uint8Array | string) {}

  revisionOf(sha: string): number | undefined {
    let found = this.byHash.get(sha);
    while (found === undefined && this.next < KNOWN_REVISIONS) {
      const code = this.next++;
      const hash = sha256Base64(this.codeOf(code));
      this.byHash.set(hash, code);
      if (hash === sha) found = code;
    }
    return found;
  }
}

const zipHashes = new RevisionHashes(buildHandlerZip);
const imageHashes = new RevisionHashes((code) => imageUriFor(code));

/**
 * The code revision a configuration's `CodeSha256` identifies:
 * - a Zip function's: the revision whose handler zip ({@link buildHandlerZip}) has that hash, or,
 *   when none has, the `CodeSha256` itself (code the harness never deployed: never equal to a
 *   revision, so a constraint on it fails and the report shows the hash);
 * - an Image function's: the revision whose default image URI ({@link imageUriFor}) hashes to it
 *   (what the simulation reports), else `undefined`: a real image digest cannot be mapped back;
 * - `undefined` when the configuration carries no `CodeSha256`.
 */
export function codeRevisionOf(config: Loose): number | string | undefined {
  const sha = config['CodeSha256'];
  if (typeof sha !== 'string') return undefined;
  if (config['PackageType'] === 'Image') return imageHashes.revisionOf(sha);
  return zipHashes.revisionOf(sha) ?? sha;
}

/**
 * The configuration revision a configuration carries: its `CONFORMANCE_CONFIG` variable as a number
 * (as text when it is not one), `undefined` when it has none.
 */
export function configRevisionOf(config: Loose): number | string | undefined {
  const environment = config['Environment'] as { Variables?: Loose } | undefined;
  const raw = environment?.Variables?.['CONFORMANCE_CONFIG'];
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  return raw.trim() !== '' && Number.isSafeInteger(value) ? value : raw;
}

/**
 * `codeRevision`/`configRevision` (or the names given) for a configuration, leaving out what it
 * does not tell.
 */
export function deployedRevisions(
  config: Loose | undefined,
  names: { readonly code: string; readonly config: string } = {
    code: 'codeRevision',
    config: 'configRevision',
  },
): Record<string, number | string> {
  const fields: Record<string, number | string> = {};
  if (config === undefined) return fields;
  const code = codeRevisionOf(config);
  if (code !== undefined) fields[names.code] = code;
  const configuration = configRevisionOf(config);
  if (configuration !== undefined) fields[names.config] = configuration;
  return fields;
}
