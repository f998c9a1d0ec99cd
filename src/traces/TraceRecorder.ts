import { createWriteStream, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ExecutedStep, RunRecorder, RunStart } from '../runner/RunRecorder.ts';
import { TRACE_VERSION, type TraceLine } from './TraceRecord.ts';
import { makeDirectory } from '../text/makeDirectory.ts';

const ACCOUNT_ID = /(?<![0-9])[0-9]{12}(?![0-9])/g;

/** Replaces 12-digit AWS account ids in every string of a JSON value. */
function maskAccounts(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ACCOUNT_ID, '************');
  if (Array.isArray(value)) return value.map(maskAccounts);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskAccounts(v)]));
  }
  return value;
}

/**
 * Writes a JSON Lines trace of everything a run did (`run --record FILE.jsonl`). Lines are written
 * in order; `close()` flushes. Only operations, observations and verdicts are written: the harness
 * never holds credentials or signatures, so none can leak.
 */
export class TraceRecorder implements RunRecorder {
  private constructor(
    private readonly stream: WriteStream,
    private readonly mask: boolean,
  ) {}

  /** Opens (truncates) the trace file, creating its directory. */
  static async open(file: string, options: { maskAccount: boolean }): Promise<TraceRecorder> {
    await makeDirectory(dirname(file));
    return new TraceRecorder(createWriteStream(file, { flags: 'w' }), options.maskAccount);
  }

  /** Writes a line. */
  write(line: TraceLine): void {
    const value = this.mask ? maskAccounts(line) : line;
    this.stream.write(`${JSON.stringify(value)}\n`);
  }

  /** Writes the `run` line of a sequence; its steps follow, each with the run id. */
  startRun(start: RunStart): (step: ExecutedStep) => void {
    this.write({ type: 'run', version: TRACE_VERSION, ...start });
    return (step) => this.write({ ...step, run: start.run });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }
}

/**
 * Runs `body` with a recorder writing the trace `record` asks for (`--record`), or with none, and
 * closes (flushes) the trace however `body` ends.
 */
export async function withTraceRecorder<T>(
  record: { readonly file: string; readonly maskAccount: boolean } | undefined,
  body: (recorder: TraceRecorder | undefined) => Promise<T>,
): Promise<T> {
  const recorder = record === undefined ? undefined : await TraceRecorder.open(record.file, record);
  try {
    return await body(recorder);
  } finally {
    await recorder?.close();
  }
}
