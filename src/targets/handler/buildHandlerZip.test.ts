import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { strFromU8, unzipSync } from 'fflate';
import { HarnessError } from '../../errors/HarnessError.ts';
import {
  buildHandlerZip,
  handlerSource,
  handlerZipRevision,
  HANDLER_FILE,
  zipHandler,
} from './buildHandlerZip.ts';
import { PREBUILT_ZIPS } from './prebuiltZips.ts';

describe('buildHandlerZip', () => {
  it('is a real zip holding index.js with the code revision as a literal', () => {
    const files = unzipSync(buildHandlerZip(7));
    expect(Object.keys(files)).toEqual([HANDLER_FILE]);
    const source = strFromU8(files[HANDLER_FILE] ?? new Uint8Array());
    expect(source).toContain('exports.handler');
    expect(source).toContain('code: 7,');
    expect(source).toContain('process.env.CONFORMANCE_CONFIG');
  });

  it('answers the prebuilt zips of revisions 0-31 byte for byte as zipSync writes them, and zips later ones', () => {
    expect(PREBUILT_ZIPS).toHaveLength(32);
    for (let code = 0; code < 34; code++) {
      const zip = buildHandlerZip(code);
      expect(Buffer.from(zip).equals(Buffer.from(zipHandler(code))), `revision ${code}`).toBe(true);
      expect(Object.getPrototypeOf(zip)).toBe(Uint8Array.prototype);
      const files = unzipSync(zip);
      expect(strFromU8(files[HANDLER_FILE] ?? new Uint8Array())).toBe(handlerSource(code));
      expect(handlerZipRevision(zip)).toBe(code);
    }
    expect(handlerZipRevision(Uint8Array.from(buildHandlerZip(2)))).toBeUndefined();
  });

  it('is memoized per code revision', () => {
    expect(buildHandlerZip(3)).toBe(buildHandlerZip(3));
    expect(buildHandlerZip(3)).not.toBe(buildHandlerZip(4));
  });

  it('is byte-stable, so CodeSha256 depends only on the code revision', () => {
    const zip = buildHandlerZip(5);
    const header = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // Local file header: DOS time at offset 10, DOS date at 12; 2020-01-01 00:00:00, any time zone.
    expect(header.getUint16(10, true)).toBe(0);
    expect(header.getUint16(12, true)).toBe(((2020 - 1980) << 9) | (1 << 5) | 1);
    // Pinned so that a change of archive bytes (and so of every CodeSha256) is noticed.
    expect(createHash('sha256').update(zip).digest('base64')).toBe(
      'jmTCc/lnCWkBQvPPFvVscEPLeOwNxvDbxdK7os/1dvA=',
    );
  });

  it('marks index.js as a Unix regular file with mode 0644', () => {
    const zip = buildHandlerZip(5);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const central = zip.findIndex(
      (_b, i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50,
    );
    expect(view.getUint8(central + 5)).toBe(3);
    expect(view.getUint32(central + 38, true) >>> 16).toBe(0o100644);
  });

  it('is an async handler without a callback, as Node.js 24 runtimes require', async () => {
    const exported: { handler?: (e: unknown, c: unknown) => unknown } = {};
    runInNewContext(handlerSource(2), {
      exports: exported,
      process: { env: { CONFORMANCE_CONFIG: '4' } },
    });
    const handler = exported.handler;
    expect(handler?.constructor.name).toBe('AsyncFunction');
    // (event, context): a third parameter is what callback-style runtimes recognise.
    expect(handler?.length).toBe(2);
    expect(await handler?.({}, {})).toEqual({ code: 2, config: 4 });
  });

  it('rejects a code revision that is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => buildHandlerZip(bad)).toThrow(HarnessError);
    }
  });
});
