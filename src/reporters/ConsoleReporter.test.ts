import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { ConsoleReporter } from './ConsoleReporter.ts';
import { conformantRecord, divergentRecord, tinySpec, withoutGate } from './fixtures.testkit.ts';
import { withCoverageGate } from '../runner/RunRecord.ts';
import { ansi } from './paint.ts';
import type { Progress } from './Reporter.ts';
import { captureTerminal, normaliseTimes, reportContext } from './terminal.testkit.ts';

const ANSI = /\u001b\[/;

const progress = (runsDone: number, extra: Partial<Progress> = {}): Progress => ({
  runsDone,
  runsPlanned: 100,
  operations: runsDone * 12,
  divergences: 0,
  elapsedMs: runsDone * 100,
  ...extra,
});

function summary(record = divergentRecord, options: Parameters<typeof captureTerminal>[0] = {}) {
  const terminal = captureTerminal(options);
  new ConsoleReporter(terminal).finish(record, reportContext(terminal, '/nowhere', tinySpec));
  return terminal.output.out;
}

describe('console summary', () => {
  it('matches the reviewed snapshot for a run with divergences', async () => {
    const text = normaliseTimes(summary(), divergentRecord.startedAt);
    await expect(text).toMatchFileSnapshot('__snapshots__/console-divergent.txt');
  });

  it('matches the reviewed snapshot for a conformant run', async () => {
    const text = normaliseTimes(summary(conformantRecord), conformantRecord.startedAt);
    await expect(text).toMatchFileSnapshot('__snapshots__/console-conformant.txt');
  });

  it('groups divergences by category, known ones apart, with quote, replay and timeline', () => {
    const text = summary();
    const order = ['Forbidden operation accepted (1)', 'Wrong error type, status or message (1)'];
    expect(text.indexOf(order[0] ?? '')).toBeLessThan(text.indexOf(order[1] ?? ''));
    expect(text.indexOf('Known divergences (baselined, 1)')).toBeGreaterThan(
      text.indexOf(order[1] ?? ''),
    );
    expect(text).toContain('+1.7s  UpdateFunctionCode(fn0, code=3, revisionId=none)  →  error');
    expect(text).toContain('+10m01.2s  Wait(600000)');
    expect(text).toContain('replay    npx lambda-conformance replay scenarios/regressions/');
    expect(text).toMatch(/never exercised \(2\) +create-existing, idle-reclaim/);
  });

  it('colours only when the terminal says so', () => {
    expect(summary(divergentRecord, { color: true })).toMatch(ANSI);
    expect(summary(divergentRecord, { color: false })).not.toMatch(ANSI);
    // NO_COLOR, FORCE_COLOR and the colour flags are read once, into `color` (paint.test.ts).
  });

  it('never prints control characters from a target message, even in colour', () => {
    const text = summary(divergentRecord, { color: false });
    expect(text).toContain('boom [31m<internal>[0m & "retry"');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it('shows a failed coverage gate in the headline, then the rules that failed it', () => {
    const text = summary(withCoverageGate(conformantRecord, 95));
    expect(text.split('\n')[1]).toMatch(/^✓ CONFORMANT .*  ✗ coverage gate failed$/);
    expect(text).toContain(
      '  coverage gate          ✗ failed: 88.9% of rules and transitions exercised, below the minimum 95%\n' +
        '  never exercised (1)    idle-reclaim\n',
    );
    // Red, not yellow, once they fail the gate.
    expect(summary(withCoverageGate(conformantRecord, 95), { color: true })).toContain(
      '\u001b[31mnever exercised (1)',
    );
  });

  it('leaves the gate out of a run without one', () => {
    const noGate = withoutGate(divergentRecord);
    expect(summary(noGate)).not.toContain('coverage gate');
  });

  it('says where the reports went, relative to the working directory when inside it', () => {
    const terminal = captureTerminal();
    const ctx = {
      ...reportContext(terminal, join(process.cwd(), 'reports', 'x'), tinySpec),
      reportFiles: ['run.json', 'junit.xml'],
    };
    new ConsoleReporter(terminal).finish(conformantRecord, ctx);
    expect(terminal.output.out).toMatch(/^ {2}reports +reports\/x\/ {2}run\.json, junit\.xml$/m);
    const elsewhere = captureTerminal();
    new ConsoleReporter(elsewhere).finish(conformantRecord, {
      ...reportContext(elsewhere, '/elsewhere/out', tinySpec),
      reportFiles: ['run.json'],
    });
    expect(elsewhere.output.out).toMatch(/^ {2}reports +\/elsewhere\/out\/ {2}run\.json$/m);
    // No files written, no line.
    expect(summary(conformantRecord)).not.toMatch(/^ {2}reports /m);
  });

  it('takes an injected paint', () => {
    const terminal = captureTerminal();
    const reporter = new ConsoleReporter(terminal, { paint: ansi });
    reporter.finish(conformantRecord, reportContext(terminal, '/nowhere', tinySpec));
    expect(terminal.output.out).toMatch(ANSI);
  });
});

describe('console progress', () => {
  function run(
    options: Parameters<typeof captureTerminal>[0],
    updates: readonly [number, Progress][],
  ) {
    const terminal = captureTerminal(options);
    let now = 0;
    const reporter = new ConsoleReporter(terminal, { now: () => now });
    for (const [at, p] of updates) {
      now = at;
      reporter.onProgress(p);
    }
    reporter.finish(conformantRecord, reportContext(terminal, '/nowhere', tinySpec));
    return terminal.output.out;
  }

  const updates: [number, Progress][] = [
    [0, progress(1, { budgetMs: 60_000 })],
    [50, progress(2, { budgetMs: 60_000 })],
    [150, progress(3, { budgetMs: 60_000, divergences: 1 })],
    [6000, progress(40)],
  ];

  it('redraws one line in place on a TTY, throttled, then clears it', () => {
    const out = run({ isTTY: true }, updates);
    // Every redraw starts with a carriage return and erases the line: never a new line per tick.
    const [live = ''] = out.split('\n');
    expect(live.split('\r\u001b[2K')).toEqual([
      '',
      'runs 1/100 · 12 operations checked · 0 divergences · 100ms elapsed, 59.9s left',
      'runs 3/100 · 36 operations checked · 1 divergence · 300ms elapsed, 59.7s left',
      'runs 40/100 · 480 operations checked · 0 divergences · 4.0s elapsed',
      // The last redraw is erased before the summary starts.
      '',
    ]);
  });

  it('prints plain lines at most every five seconds without a TTY', () => {
    const out = run({ isTTY: false }, updates);
    expect(out).not.toContain('\r');
    expect(out.match(/^progress: .*$/gm)).toEqual([
      'progress: runs 40/100 · 480 operations checked · 0 divergences · 4.0s elapsed',
    ]);
  });

  it('prints plain lines under CI even on a TTY', () => {
    const out = run({ isTTY: true, env: { CI: 'true' } }, updates);
    expect(out).not.toContain('\r');
    expect(out).toContain('progress: runs 40/100');
  });

  it('colours the live line only when colour is on', () => {
    // Colour codes only: the live line's carriage return and line erase are not colour.
    const colour = /\u001b\[\d+m/;
    expect(run({ isTTY: true, color: true }, updates)).toMatch(colour);
    // NO_COLOR and the colour flags are read once, into `color` (see paint.test.ts).
    expect(run({ isTTY: true, color: false }, updates)).not.toMatch(colour);
  });
});
