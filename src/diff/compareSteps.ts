import { UNKNOWN_WHEN_MISSING } from '../lambda/catalogue.ts';
import type { Observation } from '../lambda/Observation.ts';
import type { SideDivergence, SideRun, SideStep } from './DiffSide.ts';

/** How a difference between two targets stands with the spec. */
export type DiffKind = 'both-allowed' | 'one-conforms' | 'neither-conforms';

/** What one side observed at a step that differs. */
export interface DiffSideView {
  /** Normalised: RevisionIds, account ids and real function names left out. */
  readonly observation: string;
  readonly verdict: SideStep['verdict'];
  /** Set when this side diverged at this step: the rule it broke. */
  readonly divergence?: SideDivergence;
  /**
   * An error answer's message, normalised like the observation and cut short: shown, never
   * compared (every implementation words its messages differently).
   */
  readonly message?: string;
}

/** One operation whose observation (or verdict) differs between the two targets. */
export interface DiffEntry {
  /** Index of the sequence (0-based) and of the top-level command in it. */
  readonly sequence: number;
  readonly command: number;
  /** Replay text of the operation. */
  readonly operation: string;
  readonly kind: DiffKind;
  readonly a: DiffSideView;
  readonly b: DiffSideView;
  /**
   * The sides that had already diverged earlier in the sequence: each went on from what it
   * answered, so this difference may follow from the earlier one.
   */
  readonly after?: readonly ('a' | 'b')[];
}

const ACCOUNT = /(?<![0-9])(?:[0-9]{12}|\*{12})(?![0-9])/g;
const REAL_NAME = /\b[A-Za-z0-9_]+-[A-Za-z0-9_-]+?-(fn[0-9]+)\b/g;
const ARN_REGION = /arn:aws:lambda:[a-z0-9-]+:/g;

/**
 * Strips what legitimately differs between targets from a string: accounts, regions, real names.
 *
 * @internal Exported for tests only.
 */
export function normaliseText(text: string): string {
  return text
    .replace(ARN_REGION, 'arn:aws:lambda:<region>:')
    .replace(ACCOUNT, '<account>')
    .replace(REAL_NAME, '$1');
}

/**
 * The comparable form of an observation: kind, error type and status (messages name real ARNs and
 * are worded differently by every implementation), observed fields but RevisionId and the `hidden`
 * ones (a side could not see them). Undefined for an inconclusive observation: nothing can be
 * compared.
 *
 * @internal Exported for tests only.
 */
export function comparable(
  obs: Observation,
  hidden: ReadonlySet<string> = new Set(),
): string | undefined {
  switch (obs.kind) {
    case 'ok': {
      const fields = Object.entries(obs.fields)
        .filter(([k]) => k !== 'RevisionId' && !hidden.has(k))
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? normaliseText(v) : String(v)}`);
      return fields.length === 0 ? 'ok' : `ok {${fields.join(', ')}}`;
    }
    case 'error':
      return `error ${obs.type} (${obs.status})`;
    case 'inconclusive':
      return undefined;
  }
}

/**
 * `hidden`, plus what one side left unknown and the other has: every field its recording did not
 * keep (`unrecorded`), and the fields a side may be unable to tell (`codeRevision` of a recording,
 * an image digest: the catalogue's unknown-when-missing fields).
 */
function hiddenFor(
  x: Observation,
  y: Observation,
  hidden: ReadonlySet<string>,
): ReadonlySet<string> {
  const unknown = (o: Observation, other: Observation): string[] =>
    o.kind === 'ok' && other.kind === 'ok'
      ? Object.keys(other.fields).filter(
          (k) => !(k in o.fields) && (o.unrecorded === true || UNKNOWN_WHEN_MISSING.has(k)),
        )
      : [];
  const extra = [...unknown(x, y), ...unknown(y, x)];
  return extra.length === 0 ? hidden : new Set([...hidden, ...extra]);
}

function kindOf(a: SideStep, b: SideStep): DiffKind {
  const aDiverged = a.verdict === 'divergence';
  const bDiverged = b.verdict === 'divergence';
  if (aDiverged && bDiverged) return 'neither-conforms';
  return aDiverged || bDiverged ? 'one-conforms' : 'both-allowed';
}

/** Longest error message a view keeps. */
const MESSAGE_CHARS = 300;

function messageOf(obs: Observation): string | undefined {
  if (obs.kind !== 'error' || obs.message === '') return undefined;
  const text = normaliseText(obs.message).replace(/\s+/g, ' ').trim();
  return text.length <= MESSAGE_CHARS ? text : `${text.slice(0, MESSAGE_CHARS - 1)}…`;
}

function view(step: SideStep, run: SideRun, shown: string): DiffSideView {
  const divergence =
    step.divergence ?? (step.verdict === 'divergence' ? run.divergence : undefined);
  const message = messageOf(step.observation);
  return {
    observation: shown,
    verdict: step.verdict,
    ...(divergence !== undefined ? { divergence } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

/** The first command of the sequence at which the side diverged; Infinity when it never did. */
function firstDivergence(run: SideRun): number {
  const at = run.steps.filter((s) => s.verdict === 'divergence').map((s) => s.command);
  return Math.min(Number.POSITIVE_INFINITY, ...at);
}

/** Pairs the operations two sides made for one command: one to one, else the last per function. */
function pairs(as: readonly SideStep[], bs: readonly SideStep[]): [SideStep, SideStep][] {
  if (as.length === bs.length) return as.map((x, i) => [x, bs[i] ?? x]);
  // Settle polls as often as each target needs: compare where each function settled.
  const last = (steps: readonly SideStep[]): Map<string, SideStep> =>
    new Map(steps.map((s) => [s.fn, s]));
  const lastB = last(bs);
  return [...last(as)].flatMap(([fn, x]) => {
    const y = lastB.get(fn);
    return y === undefined ? [] : [[x, y] as [SideStep, SideStep]];
  });
}

function lastCommand(run: SideRun): number {
  if (run.divergence === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(-1, ...run.steps.map((s) => s.command));
}

/**
 * Compares what two sides observed for the same sequence, command by command, up to where one of
 * them stopped (sides go on past a divergence when they can; what differs after it is marked
 * `after`). Returns every operation whose comparable observation or whose verdict (diverged or
 * not) differs, and how many operations were compared. Fields in `hidden` (unobservable on a side)
 * and fields a recording left unknown are not compared.
 */
export function compareSides(
  sequence: number,
  a: SideRun,
  b: SideRun,
  hidden: ReadonlySet<string> = new Set(),
): { entries: DiffEntry[]; compared: number } {
  const limit = Math.min(lastCommand(a), lastCommand(b));
  const commands = [...new Set([...a.steps, ...b.steps].map((s) => s.command))]
    .filter((c) => c <= limit)
    .sort((x, y) => x - y);
  const entries: DiffEntry[] = [];
  let compared = 0;
  const diverged = { a: firstDivergence(a), b: firstDivergence(b) };
  for (const command of commands) {
    const after = (['a', 'b'] as const).filter((side) => diverged[side] < command);
    const here = (run: SideRun): SideStep[] => run.steps.filter((s) => s.command === command);
    for (const [x, y] of pairs(here(a), here(b))) {
      const pairHidden = hiddenFor(x.observation, y.observation, hidden);
      const [cx, cy] = [
        comparable(x.observation, pairHidden),
        comparable(y.observation, pairHidden),
      ];
      if (cx === undefined || cy === undefined) continue;
      compared++;
      const kind = kindOf(x, y);
      if (cx === cy && x.verdict === y.verdict) continue;
      if (cx === cy && kind === 'both-allowed') continue;
      entries.push({
        sequence,
        command,
        operation: x.text,
        kind,
        a: view(x, a, cx),
        b: view(y, b, cy),
        ...(after.length > 0 ? { after } : {}),
      });
    }
  }
  return { entries, compared };
}
