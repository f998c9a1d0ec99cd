import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TraceLine, TraceStep } from './TraceRecord.ts';

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
export class TraceRecorder {
  private constructor(
    private readonly stream: WriteStream,
    private readonly mask: boolean,
  ) {}

  /** Opens (truncates) the trace file, creating its directory. */
  static async open(file: string, options: { maskAccount: boolean }): Promise<TraceRecorder> {
    await mkdir(dirname(file), { recursive: true });
    return new TraceRecorder(createWriteStream(file, { flags: 'w' }), options.maskAccount);
  }

  /** Writes a line. */
  write(line: TraceLine): void {
    const value = this.mask ? maskAccounts(line) : line;
    this.stream.write(`${JSON.stringify(value)}\n`);
  }

  /** A step writer bound to one run id, for an execution. */
  forRun(run: string): (step: TraceStep) => void {
    return (step) => this.write({ ...step, run });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }
}
