import { writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { HarnessError } from '../errors/HarnessError.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

/**
 * Writes a reporter's one file into `outDir` (created if missing) and returns its path. The name
 * must be a bare file name, so a reporter cannot write outside its directory by mistake.
 */
export async function writeReportFile(
  outDir: string,
  fileName: string,
  text: string,
): Promise<string> {
  if (fileName !== basename(fileName) || fileName === '' || fileName === '..') {
    throw new HarnessError(
      'REPORT_FILE_NAME',
      `report file name '${fileName}' must be a bare file name inside the output directory`,
    );
  }
  const path = join(outDir, fileName);
  try {
    await makeDirectory(outDir);
    // In one call: an asynchronous write goes through the thread pool several times (open, each
    // chunk, close) while the process has nothing else to do at the end of a run.
    writeFileSync(path, text, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'REPORT_WRITE_FAILED',
      `cannot write report '${path}': ${describe(cause)}. Check that the output directory is writable.`,
      { cause },
    );
  }
  return path;
}

/**
 * Appends to the file GitHub Actions names in `GITHUB_STEP_SUMMARY`: the one place outside `outDir`
 * a reporter may write to.
 */
export async function appendStepSummary(path: string, text: string): Promise<void> {
  try {
    await appendFile(path, text.endsWith('\n') ? text : `${text}\n`, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'STEP_SUMMARY_WRITE_FAILED',
      `cannot append to GITHUB_STEP_SUMMARY '${path}': ${describe(cause)}`,
      { cause },
    );
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
