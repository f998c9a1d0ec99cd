import { describe, expect, it } from 'vitest';
import { readBotoAnswer } from './botoAnswer.ts';

describe('a recorded answer read as an observation', () => {
  it("keeps the reason texts and leaves out the revisions the harness derives (the recording's code is not ours)", () => {
    const recorded = {
      Configuration: {
        FunctionName: 'fn',
        PackageType: 'Zip',
        CodeSha256: 'jGKU7OZpmAmlo8sb6WmeQU1hV6mN0ZjJ0DF+vlhOV94=',
        Environment: { Variables: { CONFORMANCE_CONFIG: '2' } },
        State: 'Active',
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReason: 'The function is being created.',
        LastUpdateStatusReasonCode: 'Creating',
        RevisionId: '<uuid:3>',
        Version: '$LATEST',
      },
      ResponseMetadata: { HTTPStatusCode: 200 },
    };
    const { observation } = readBotoAnswer('GetFunction', recorded, 'fn', false, 'here');
    expect(observation).toEqual({
      kind: 'ok',
      fields: {
        State: 'Active',
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReason: 'The function is being created.',
        LastUpdateStatusReasonCode: 'Creating',
        RevisionId: '<uuid:3>',
        Version: '$LATEST',
        PackageType: 'Zip',
      },
    });
  });

  it('leaves out the published version revisions of a recorded listing too', () => {
    const listing = {
      Versions: [
        { Version: '$LATEST', CodeSha256: '<code-sha256:1>' },
        { Version: '1', CodeSha256: '<code-sha256:1>' },
      ],
      ResponseMetadata: { HTTPStatusCode: 200 },
    };
    const { observation } = readBotoAnswer('ListVersionsByFunction', listing, 'fn', false, 'here');
    expect(observation).toEqual({ kind: 'ok', fields: { versionCount: 1 } });
  });
});
