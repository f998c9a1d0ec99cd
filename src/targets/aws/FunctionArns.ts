/**
 * The account an emulator is assumed to run under while no answer has shown one: LocalStack's
 * default. The harness only addresses functions it names itself, so an emulator that reads the
 * account from the ARN at all answers a function that does not exist yet with its 404 either way.
 */
export const EMULATOR_ACCOUNT = '000000000000';

// arn:<partition>:lambda:<region>:<account>:function:<name>[:qualifier]
const FUNCTION_ARN = /^arn:([a-z-]+):lambda:([a-z0-9-]+):(\d{12}):function:[^:]+/;

/** The parts of a function ARN the harness reuses, or `undefined` when `text` holds none. */
function arnParts(
  text: string,
): { partition: string; region: string; account: string } | undefined {
  const match = FUNCTION_ARN.exec(text);
  if (match === null) return undefined;
  const [, partition = 'aws', region = '', account = ''] = match;
  return { partition, region, account };
}

/**
 * Where the aws target's function ARNs come from: TagResource (and every tagging call) addresses a
 * function by ARN, as AWS requires, never by bare name — also before the function exists. The
 * partition and account are learned from the first ARN any answer shows (a CreateFunction's
 * `FunctionArn`), or given by the caller identity on real AWS; until then an emulator is assumed to
 * use {@link EMULATOR_ACCOUNT}. The region is the client's. One per target: every session learns
 * into it.
 */
export class FunctionArns {
  #partition = 'aws';
  #account: string | undefined;

  /** The account of the credentials (real AWS, from STS), when known before any answer. */
  knowAccount(account: string): void {
    this.#account ??= account;
  }

  /** Learns the partition and account from a function ARN an answer carried; other text is ignored. */
  learn(arn: unknown): void {
    if (typeof arn !== 'string') return;
    const parts = arnParts(arn);
    if (parts === undefined || this.#account !== undefined) return;
    this.#partition = parts.partition;
    this.#account = parts.account;
  }

  /** The unqualified ARN of function `name` in `region`. */
  arnOf(region: string, name: string): string {
    return `arn:${this.#partition}:lambda:${region}:${this.#account ?? EMULATOR_ACCOUNT}:function:${name}`;
  }
}

/**
 * A function ARN without its `:qualifier` (a CreateFunction with Publish may answer the new
 * version's configuration, whose ARN ends with `:1`); other text as it is.
 */
export function unqualifiedArn(arn: string): string {
  const parts = arn.split(':');
  return parts.length > 7 && parts[5] === 'function' ? parts.slice(0, 7).join(':') : arn;
}
