import { HarnessError } from '../errors/HarnessError.ts';
import { TRACE_VERSION, type TraceLine, type TraceSource } from '../traces/TraceRecord.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import type { Spec } from '../spec/Spec.ts';
import { formatOperation } from '../lambda/Operation.ts';
import type { Timing } from '../targets/Target.ts';
import { readBotoAnswer, type RecordedAnswer } from './botoAnswer.ts';
import type { CallPlan, PlannedCall } from './CallPlan.ts';
import { inferArgument, type RevisionTrack } from './inferArgument.ts';
import { RevisionNumbers } from './RevisionNumbers.ts';

/** Recordings keep no times: imported calls are placed this far apart (ms), in order. */
export const IMPORT_STEP_MS = 1_000;

/** Delays a simulated target uses when it replays an imported trace (`diff --target trace:…`). */
export const IMPORT_TIMING: Timing = {
  provisionMs: 500,
  updateMs: 500,
  versionMs: 500,
  reactivateMs: 500,
};

/**
 * Refusals of the request itself — malformed or invalid parameters (400), a request too large
 * (413) — concern arguments outside the spec's inputs: nothing happened to the function.
 */
const INVALID_INPUT_STATUSES: readonly number[] = [400, 413];

/** Everything an import needs. */
export interface ImportInput {
  readonly spec: Spec;
  /** The spec file as the trace header names it (relative to the repository root). */
  readonly specFile: string;
  readonly plan: CallPlan;
  /** The recorded answers, by key. */
  readonly answers: Readonly<Record<string, unknown>>;
  /** The run id of the trace. */
  readonly run: string;
  /** The target the recording was made against (`aws`). */
  readonly target: string;
  readonly source: Omit<TraceSource, 'order' | 'notes'>;
}

/** An imported trace: its lines, and what the import left out, cut or assumed. */
export interface ImportedTrace {
  readonly lines: readonly TraceLine[];
  readonly notes: readonly string[];
}

type SpecCall = Extract<PlannedCall, { kind: 'spec' }>;

/** What the import knows about one logical function. */
interface Track extends RevisionTrack {
  started: boolean;
  cut?: string;
  name?: string;
}

function bad(where: string, what: string): HarnessError {
  return new HarnessError('BAD_IMPORT', `${where}: ${what}`);
}

function isRefusal(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'Error' in value;
}

/** Builds the trace of one recorded test from its call plan and its recorded answers. */
class TraceBuilder {
  readonly lines: TraceLine[] = [];
  readonly notes: string[] = [];
  private readonly tracks = new Map<string, Track>();
  private readonly packageTypes = new Map<string, string>();
  private readonly codeRange: { min: number; max: number };
  private readonly configRange: { min: number; max: number };
  private readonly noted = new Set<string>();
  private time = 0;

  constructor(private readonly input: ImportInput) {
    this.codeRange = this.range('code');
    this.configRange = this.range('config');
  }

  private range(name: string): { min: number; max: number } {
    const decl = this.input.spec.inputs.get(name);
    return decl?.type === 'int' ? { min: decl.min, max: decl.max } : { min: 1, max: 3 };
  }

  private track(fn: string): Track {
    let track = this.tracks.get(fn);
    if (track === undefined) {
      track = { started: false, ...this.freshNumbers() };
      this.tracks.set(fn, track);
    }
    return track;
  }

  private freshNumbers(): Pick<Track, 'code' | 'config'> {
    return {
      code: new RevisionNumbers(this.codeRange.min, this.codeRange.max),
      config: new RevisionNumbers(this.configRange.min, this.configRange.max),
    };
  }

  /** Notes an assumption; one marked `once` is noted the first time only. */
  private noteOnce(text: {
    readonly where: string;
    readonly what: string;
    readonly once?: boolean;
  }): void {
    if (text.once === true) {
      if (this.noted.has(text.what)) return;
      this.noted.add(text.what);
    }
    this.notes.push(`${text.where}: ${text.what}`);
  }

  build(): void {
    this.checkKeys();
    this.learnPackageTypes();
    for (const call of this.input.plan.calls) this.add(call);
  }

  private checkKeys(): void {
    const keys = Object.keys(this.input.answers);
    for (const call of this.input.plan.calls) {
      if (call.key !== undefined && !(call.key in this.input.answers)) {
        const hint = didYouMean(call.key, keys) ?? '';
        throw bad(call.where, `the recording has no answer '${call.key}'. ${hint}`.trim());
      }
    }
  }

  // An unrecorded or prepended CreateFunction takes the package type later answers show.
  private learnPackageTypes(): void {
    for (const call of this.input.plan.calls) {
      if (call.kind !== 'spec' || call.key === undefined || this.packageTypes.has(call.fn))
        continue;
      const answer = readBotoAnswer(
        call.operation,
        this.input.answers[call.key],
        undefined,
        false,
        call.where,
      );
      const type = answer.configuration?.['PackageType'];
      if (type === 'Zip' || type === 'Image') this.packageTypes.set(call.fn, type);
    }
  }

  private add(call: PlannedCall): void {
    const track = this.track(call.fn);
    const what = call.kind === 'spec' ? call.operation : call.call;
    if (track.cut !== undefined) {
      this.notes.push(
        `${call.where}: ${what} left out: the trace of ${call.fn} ended at ${track.cut}`,
      );
      return;
    }
    const raw = call.key === undefined ? undefined : this.input.answers[call.key];
    if (call.kind === 'outside') {
      this.outside(call, track, raw);
      return;
    }
    if (call.refused === true && raw === undefined) {
      this.notes.push(`${call.where}: ${what} left out: refused, and the error was not recorded`);
      return;
    }
    const answer = readBotoAnswer(
      call.operation,
      raw,
      track.name,
      call.partial === true,
      call.where,
      call.args,
    );
    const obs = answer.observation;
    if (obs.kind === 'error' && INVALID_INPUT_STATUSES.includes(obs.status)) {
      this.notes.push(
        `${call.where}: ${what} left out: refused as invalid input (${obs.type}, ${obs.status}), arguments outside the spec's inputs`,
      );
      return;
    }
    const name = answer.configuration?.['FunctionName'];
    if (track.name === undefined && typeof name === 'string') track.name = name;
    if (!track.started && call.operation !== 'ListFunctions') {
      if (call.operation !== 'CreateFunction' && obs.kind === 'ok') this.prepend(call);
      track.started = true;
    }
    this.emit(call, answer, track);
  }

  private outside(
    call: Extract<PlannedCall, { kind: 'outside' }>,
    track: Track,
    raw: unknown,
  ): void {
    if (!call.mutating) {
      this.notes.push(`${call.where}: ${call.call} left out: a read outside the spec's operations`);
    } else if (call.refused === true || isRefusal(raw)) {
      this.notes.push(
        `${call.where}: ${call.call} left out: outside the spec's operations, and refused (nothing changed)`,
      );
    } else {
      track.cut = `${call.where} (${call.call})`;
      this.notes.push(
        `${call.where}: ${call.call} is outside the spec's operations and may change ${call.fn}: the trace of ${call.fn} ends here`,
      );
    }
  }

  private prepend(call: SpecCall): void {
    this.notes.push(
      `${call.where}: ${call.fn} existed before the recorded calls (made by a fixture): the trace starts it with a CreateFunction whose answer was not recorded`,
    );
    const create: SpecCall = {
      kind: 'spec',
      operation: 'CreateFunction',
      args: {},
      where: call.where,
      fn: call.fn,
    };
    this.emit(
      create,
      { observation: { kind: 'ok', fields: {}, unrecorded: true } },
      this.track(call.fn),
    );
  }

  private emit(call: SpecCall, answer: RecordedAnswer, track: Track): void {
    const args = this.argsOf(call, answer, track);
    const op = { name: call.operation, fn: call.fn, args };
    this.lines.push({
      type: 'op',
      run: this.input.run,
      at: this.time,
      end: this.time,
      command: formatOperation(op),
      operation: call.operation,
      fn: call.fn,
      args,
      observation: answer.observation,
    });
    this.time += IMPORT_STEP_MS;
    if (answer.observation.kind !== 'ok') return;
    if (call.operation === 'PublishVersion' || call.args['publish'] === 'yes') {
      track.code.publish();
      track.config.publish();
    } else if (call.operation === 'DeleteFunction') {
      Object.assign(track, this.freshNumbers());
    }
  }

  private argsOf(
    call: SpecCall,
    answer: RecordedAnswer,
    track: Track,
  ): Record<string, string | number> {
    const inputs = this.input.spec.operations.get(call.operation)?.inputs ?? [];
    const args: Record<string, string | number> = {};
    for (const name of inputs) {
      const given = call.args[name];
      args[name] =
        given ??
        inferArgument(name, call, answer, track, {
          laterPackageType: this.packageTypes.get(call.fn),
          note: (text) => this.noteOnce(text),
        });
    }
    for (const [name, value] of Object.entries(call.args)) {
      if (!(name in args)) args[name] = value;
    }
    return args;
  }
}

/**
 * Turns a recorded test — its calls in order and its recorded answers — into a trace that
 * `check-trace` checks: one `run` line naming the source, then one `op` line per call of the
 * spec's operations, with the abstract arguments inferred from the answers (a new `CodeSha256` is a
 * new code revision, a changed configuration a new configuration revision, a 412 a stale
 * RevisionId) and the answers read as observations. Reads outside the spec's operations and calls
 * refused as invalid input (400, 413) are left out; a change outside the spec's operations ends that
 * function's trace; each is said in the notes.
 */
export function buildTrace(input: ImportInput): ImportedTrace {
  const builder = new TraceBuilder(input);
  builder.build();
  const notes = [...input.plan.notes, ...builder.notes];
  const header: TraceLine = {
    type: 'run',
    version: TRACE_VERSION,
    run: input.run,
    target: input.target,
    mutants: [],
    reading: input.spec.defaultReading,
    spec: { file: input.specFile, hash: input.spec.hash },
    timing: IMPORT_TIMING,
    unobservable: ['ranCode', 'ranConfig'],
    source: { ...input.source, order: input.plan.order, notes },
  };
  if (builder.lines.length === 0) {
    throw new HarnessError(
      'BAD_IMPORT',
      `${input.plan.order}: no call of the spec's operations is left to import`,
    );
  }
  return { lines: [header, ...builder.lines], notes };
}
