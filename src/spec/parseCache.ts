import { isUtf8 } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, utimesSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { cacheFolder } from '../text/cacheFolder.ts';

/**
 * A cache of parsed files (specs, scenarios) on disk, so a process need not parse and check the same
 * text again: 60–90 ms per spec, and the YAML library is then not even loaded. An entry is keyed by
 * what the result depends on (the text's SHA-256 and the name it is read under), the code that
 * reads it (a digest of this package's reading modules and package.json) and the Node serialisation
 * format; it holds the value as `node:v8` serialises it (Maps, RegExps and shared objects survive),
 * behind a SHA-256 of those bytes. Anything wrong with the cache — a missing, unwritable or foreign
 * folder, a corrupt or truncated entry — is ignored silently: the file is parsed as without it.
 *
 * `LAMBDA_CONFORMANCE_CACHE=off` turns it off; any other value names the folder to use (default: a
 * per-user folder in the OS temporary directory).
 */

export { CACHE_ENV } from '../text/cacheFolder.ts';

/** Entries kept; past it the least recently used are removed when one is added. */
const MAX_ENTRIES = 128;
/** Changes whenever the layout of an entry changes. */
const FORMAT = 'lc-parse-cache-1';
/** The folders of `src/` whose modules turn text into specs and scenarios (beside this one's). */
export const READER_FOLDERS: readonly string[] = ['spec', 'lambda', 'text', 'errors'];

// Synchronous, like the entry reads below: each is one system call on a small file, and a one-run
// command awaited the thread pool several times in a row for them.
const digests = new Map<string, string | undefined>();
const folderDigests = new Map<string, string>();

/**
 * The file, beside the built folders (`dist/`), that `npm run build` writes with each folder's
 * digest ({@link folderDigestHex}), so a built process reads one small file instead of hashing the
 * folders' modules. A checkout (`src/`) has none and hashes its sources.
 */
export const CODE_DIGESTS_FILE = 'code-digests.json';

/** The digests `npm run build` worked out (folder name → hex), or none. Read once per process. */
let built: Readonly<Record<string, unknown>> | null | undefined;

function builtDigest(name: string): string | undefined {
  if (built === undefined) {
    try {
      const parsed: unknown = JSON.parse(
        readFileSync(new URL(`../${CODE_DIGESTS_FILE}`, import.meta.url), 'utf8'),
      );
      built =
        typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      built = null;
    }
  }
  const digest = built?.[name];
  return typeof digest === 'string' ? digest : undefined;
}

/**
 * The SHA-256 (hex) of the modules of one folder of this package's code (a folder beside this
 * module's: `spec`, `monitor`, …), as the cache keys its entries by.
 *
 * @internal Exported for the build (scripts/build-cli-bundle.mjs), which stores them.
 */
export function folderDigestHex(name: string): string {
  const hash = createHash('sha256');
  const dir = new URL(`../${name}/`, import.meta.url);
  for (const file of readdirSync(dir).sort()) {
    if (!/\.(ts|js)$/.test(file) || /\.(test|testkit)\.ts$|\.d\.ts$/.test(file)) continue;
    hash.update(`${name}/${file}\0`).update(readFileSync(new URL(file, dir)));
  }
  return hash.digest('hex');
}

/** A folder's digest: the build's, else worked out once per process. */
function folderDigest(name: string): string {
  let digest = folderDigests.get(name);
  if (digest === undefined) {
    digest = builtDigest(name) ?? folderDigestHex(name);
    folderDigests.set(name, digest);
  }
  return digest;
}

/**
 * A digest of the code that computes an entry (the modules of `code`, folders of `src/` beside this
 * one's, and package.json): a changed reader never meets old entries. Each folder is read once per
 * process, whatever entries need it.
 */
function codeDigest(code: readonly string[]): string | undefined {
  const key = code.join('/');
  if (digests.has(key)) return digests.get(key);
  let digest: string | undefined;
  try {
    const hash = createHash('sha256').update(FORMAT).update(process.versions.v8);
    hash.update(readFileSync(new URL('../../package.json', import.meta.url)));
    for (const name of code) hash.update(`${name}\0`).update(folderDigest(name));
    digest = hash.digest('hex');
  } catch {
    digest = undefined;
  }
  digests.set(key, digest);
  return digest;
}

function entryName(kind: string, key: readonly string[], digest: string): string {
  const hash = createHash('sha256').update(digest);
  for (const part of key) hash.update(`\0${part}`);
  return `${kind}-${hash.digest('hex')}.bin`;
}

function readEntry(file: string): unknown {
  try {
    const bytes = readFileSync(file);
    const payload = bytes.subarray(32);
    const digest = createHash('sha256').update(payload).digest();
    if (bytes.length < 32 || !digest.equals(bytes.subarray(0, 32))) return undefined;
    return deserialize(payload) as unknown;
  } catch {
    return undefined;
  }
}

async function writeEntry(dir: string, file: string, value: unknown): Promise<void> {
  try {
    const payload = serialize(value);
    const digest = createHash('sha256').update(payload).digest();
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, Buffer.concat([digest, payload]), { mode: 0o600 });
    // Readers see the old entry or the new one, never half of one.
    await rename(temporary, file);
    await prune(dir);
  } catch {
    // Unwritable or full: the next process parses again.
  }
}

async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.bin'));
  if (names.length <= MAX_ENTRIES) return;
  const dated = await Promise.all(
    names.map(async (n) => ({ n, at: (await stat(join(dir, n))).mtimeMs })),
  );
  dated.sort((a, b) => a.at - b.at);
  await Promise.all(
    dated.slice(0, names.length - MAX_ENTRIES).map((d) => rm(join(dir, d.n), { force: true })),
  );
}

/**
 * The value `parse` gives for `key`, from the cache when an entry for it is there and `accept`s
 * it, else parsed and stored. `parse` must depend on nothing but `key` and the code of the folders
 * `code` (by default the reading code: spec, lambda, text, errors); what it throws (a file with
 * issues) is thrown as is and never cached.
 */
export async function cachedParse<T>(
  kind: string,
  key: readonly string[],
  parse: () => Promise<T>,
  accept: (value: unknown) => value is T,
  code: readonly string[] = READER_FOLDERS,
): Promise<T> {
  const dir = cacheFolder('parsed');
  const digest = dir === undefined ? undefined : codeDigest(code);
  if (dir === undefined || digest === undefined) return parse();
  const file = join(dir, entryName(kind, key, digest));
  const cached = readEntry(file);
  if (accept(cached)) {
    // Pruning drops the least recently used entries, not the oldest written: the shipped spec's
    // entries, read by every run, outlive the test suite's many one-off specs.
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // Gone or read-only: it is still the value.
    }
    return cached;
  }
  const value = await parse();
  await writeEntry(dir, file, value);
  return value;
}

/** The SHA-256 (hex) of a text, as the cache keys and spec hashes use it. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * {@link textHash} of the text a file's bytes hold, read as UTF-8. Valid UTF-8 is hashed as it is
 * (the text's UTF-8 encoding is those bytes), so a file read from the cache is never decoded: for
 * the shipped spec (150 kB, not all ASCII) decoding and re-encoding took ~3 ms a run.
 */
export function fileTextHash(bytes: Buffer): string {
  return isUtf8(bytes)
    ? createHash('sha256').update(bytes).digest('hex')
    : textHash(bytes.toString('utf8'));
}
