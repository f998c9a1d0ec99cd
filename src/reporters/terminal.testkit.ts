/**
 * A captured terminal for reporter tests: everything written to `out` / `err` is kept, and the
 * environment, TTY flag and colour wish are chosen by the test.
 *
 * @internal
 */
import type { ReportContext, Terminal } from './Reporter.ts';
import type { Spec } from '../spec/Spec.ts';

/** A {@link Terminal} whose output is captured in `output.out` / `output.err`. @internal */
export interface CapturedTerminal extends Terminal {
  readonly output: { out: string; err: string };
}

/** Builds a captured terminal; defaults: not a TTY, no colour, empty environment. @internal */
export function captureTerminal(
  options: Partial<Pick<Terminal, 'isTTY' | 'color' | 'env'>> = {},
): CapturedTerminal {
  const output = { out: '', err: '' };
  return {
    output,
    io: {
      out: (s) => {
        output.out += s;
      },
      err: (s) => {
        output.err += s;
      },
    },
    isTTY: options.isTTY ?? false,
    color: options.color ?? false,
    env: options.env ?? {},
  };
}

/** A report context over a captured terminal. @internal */
export function reportContext(terminal: Terminal, outDir: string, spec: Spec): ReportContext {
  return { ...terminal, outDir, spec };
}

/**
 * Replaces the run's wall-clock facts so reports compare across runs: the start time, the run
 * duration printed next to it (console `12.3s  <started-at>`, markdown `12.3s (started …)`) and
 * JUnit `time` attributes. Target times in traces are deterministic and stay. @internal
 */
export function normaliseTimes(text: string, startedAt: string): string {
  return text
    .replaceAll(startedAt, '<started-at>')
    .replace(/\S+(?= {2}<started-at>)/g, '<duration>')
    .replace(/\S+(?= \(started <started-at>\))/g, '<duration>')
    .replace(/ time="[\d.]+"/g, ' time="<time>"');
}
