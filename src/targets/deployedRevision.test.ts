import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildHandlerZip } from './handler/buildHandlerZip.ts';
import { imageUriFor } from './handler/imageUri.ts';
import { codeRevisionOf, configRevisionOf } from './deployedRevision.ts';
import { observeResponse } from './observeResponse.ts';

const sha = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('base64');
const zip = (code: number, config?: string): Record<string, unknown> => ({
  PackageType: 'Zip',
  CodeSha256: sha(buildHandlerZip(code)),
  ...(config === undefined ? {} : { Environment: { Variables: { CONFORMANCE_CONFIG: config } } }),
});

describe('reading back the code and configuration revision a configuration holds', () => {
  it("maps a Zip function's CodeSha256 to the revision whose handler zip has it", () => {
    for (const code of [0, 1, 2, 3, 17]) expect(codeRevisionOf(zip(code))).toBe(code);
    expect(codeRevisionOf({ CodeSha256: sha(buildHandlerZip(2)) })).toBe(2);
  });

  it('reports the hash of code the harness never deployed as itself, and nothing without one', () => {
    const foreign = sha('someone else’s zip');
    expect(codeRevisionOf({ PackageType: 'Zip', CodeSha256: foreign })).toBe(foreign);
    expect(codeRevisionOf({ PackageType: 'Zip' })).toBeUndefined();
  });

  it('maps an Image function only when the hash is the simulation’s, else leaves it unknown', () => {
    expect(codeRevisionOf({ PackageType: 'Image', CodeSha256: sha(imageUriFor(3)) })).toBe(3);
    const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(codeRevisionOf({ PackageType: 'Image', CodeSha256: digest })).toBeUndefined();
  });

  it('reads the configuration revision from CONFORMANCE_CONFIG', () => {
    expect(configRevisionOf(zip(1, '2'))).toBe(2);
    expect(configRevisionOf(zip(1, 'two'))).toBe('two');
    expect(configRevisionOf(zip(1, ''))).toBe('');
    expect(configRevisionOf(zip(1))).toBeUndefined();
    expect(configRevisionOf({ Environment: { Variables: {} } })).toBeUndefined();
  });
});

describe('observeResponse reports them for every answer that carries a configuration', () => {
  it("reads $LATEST's for configurations and GetFunction, the new version's for PublishVersion", () => {
    const config = { ...zip(2, '3'), RevisionId: 'r', Version: '$LATEST' };
    for (const op of ['CreateFunction', 'GetFunctionConfiguration', 'UpdateFunctionCode']) {
      expect(observeResponse(op, config, 'f'), op).toMatchObject({
        codeRevision: 2,
        configRevision: 3,
      });
    }
    expect(observeResponse('GetFunction', { Configuration: config }, 'f')).toMatchObject({
      codeRevision: 2,
      configRevision: 3,
    });
    const version = observeResponse('PublishVersion', { ...config, Version: '4' }, 'f');
    expect(version).toMatchObject({ Version: '4', codeRevision: 2, configRevision: 3 });
    expect(version).not.toHaveProperty('RevisionId');
  });

  it('reads the highest-numbered version ListVersionsByFunction lists, in any order', () => {
    const Versions = [
      { ...zip(1, '1'), Version: '$LATEST' },
      { ...zip(2, '1'), Version: '10' },
      { ...zip(3, '2'), Version: '9' },
    ];
    expect(observeResponse('ListVersionsByFunction', { Versions }, 'f')).toEqual({
      versionCount: 2,
      versionCode: 2,
      versionConfig: 1,
    });
    const none = observeResponse('ListVersionsByFunction', { Versions: [Versions[0]] }, 'f');
    expect(none).toEqual({ versionCount: 0 });
  });

  it('copies the reason texts next to their codes', () => {
    const fields = observeResponse(
      'UpdateFunctionCode',
      {
        State: 'Active',
        LastUpdateStatus: 'InProgress',
        LastUpdateStatusReason: 'The function is being created.',
        LastUpdateStatusReasonCode: 'Creating',
      },
      'f',
    );
    expect(fields).toEqual({
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
  });
});
