import { HarnessError } from '../errors/HarnessError.ts';
import { codeIdentity, configurationIdentity, type RecordedAnswer } from './botoAnswer.ts';
import type { PlannedCall } from './CallPlan.ts';
import type { RevisionNumbers } from './RevisionNumbers.ts';

/** The code and configuration revisions of one function, as the import numbers them. */
export interface RevisionTrack {
  code: RevisionNumbers;
  config: RevisionNumbers;
}

/** What argument inference may consult and say. */
export interface InferenceContext {
  /** The package type later answers show for the function (for a CreateFunction not recorded). */
  readonly laterPackageType: string | undefined;
  /** Says an assumption; `once` ones are said once per import. */
  readonly note: (text: {
    readonly where: string;
    readonly what: string;
    readonly once?: boolean;
  }) => void;
}

/**
 * Infers one abstract argument of a recorded call from its answer: `packageType` from the
 * configuration, `revisionId` stale exactly when the call was refused with 412, `code` and `config`
 * numbered by what identifies the deployed revision (a new `CodeSha256` or configuration is a new
 * revision; an answer not recorded is taken to deploy a new one). Accepted revisions are recorded
 * as deployed. Any other argument cannot be inferred: a `BAD_IMPORT` error asks for it.
 */
export function inferArgument(
  name: string,
  call: Extract<PlannedCall, { kind: 'spec' }>,
  answer: RecordedAnswer,
  track: RevisionTrack,
  ctx: InferenceContext,
): string | number {
  const obs = answer.observation;
  const conf = answer.configuration;
  switch (name) {
    case 'packageType': {
      const type = conf?.['PackageType'];
      return type === 'Zip' || type === 'Image' ? type : (ctx.laterPackageType ?? 'Zip');
    }
    case 'revisionId':
      return obs.kind === 'error' && obs.type === 'PreconditionFailedException' ? 'stale' : 'none';
    // A call the import keeps addresses $LATEST unqualified (a qualified one is outside the
    // spec's operations), and publishes only when its text says `Publish=True`.
    case 'qualifier':
      return 'none';
    case 'publish':
      return 'no';
    // The alias a recording calls is taken to be the spec's one alias; it points at $LATEST when
    // the answer says so, else at a published version (the latest one: what the tests address).
    case 'aliasTarget':
      return obs.kind === 'ok' && obs.fields['FunctionVersion'] === '$LATEST'
        ? 'latest'
        : 'version';
    case 'code':
    case 'config': {
      const numbers = name === 'code' ? track.code : track.config;
      if (obs.kind !== 'ok') return numbers.deployed;
      const identity =
        conf === undefined
          ? undefined
          : name === 'code'
            ? codeIdentity(conf)
            : configurationIdentity(conf);
      if (conf === undefined) {
        ctx.note({
          where: call.where,
          what: `${call.operation}'s answer was not recorded: its ${name} is taken to be new`,
        });
      } else if (identity === undefined) {
        ctx.note({
          where: call.where,
          what: 'the recording masks CodeSha256 with one constant: every code a CreateFunction or UpdateFunctionCode sends is taken to be new',
          once: true,
        });
      }
      const assigned = numbers.assign(identity);
      numbers.deploy(assigned.identity);
      return assigned.number;
    }
    default:
      throw new HarnessError(
        'BAD_IMPORT',
        `${call.where}: cannot infer ${call.operation}'s argument '${name}' from a recording: give it in an order file (${name}=…)`,
      );
  }
}
