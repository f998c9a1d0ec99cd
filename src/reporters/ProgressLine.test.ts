import { describe, expect, it } from 'vitest';
import { ansi, plain } from './paint.ts';
import {
  formatProgress,
  ProgressLine,
  progressStreamOf,
  type ProgressStream,
} from './ProgressLine.ts';
import type { Progress } from './Reporter.ts';
import { captureTerminal } from './terminal.testkit.ts';

/** A stand-in for standard output: what was written, whether it is a TTY, whether it is open. */
class FakeStream implements ProgressStream {
  written = '';
  writable = true;
  constructor(
    readonly isTTY: boolean,
    readonly columns?: number,
  ) {}
  write(text: string): void {
    if (!this.writable) throw new Error('write after the reader has gone');
    this.written += text;
  }
}

/** A clock the test moves by hand. */
class FakeClock {
  ms = 0;
  readonly now = (): number => this.ms;
}

const at = (runsDone: number, divergences = 0): Progress => ({
  runsDone,
  runsPlanned: 500,
  operations: runsDone * 10,
  divergences,
  elapsedMs: runsDone * 1000,
});

function progressLine(stream: FakeStream, clock: FakeClock, paint = plain): ProgressLine {
  return new ProgressLine(stream, paint, {
    now: clock.now,
    liveIntervalMs: 100,
    plainIntervalMs: 5000,
  });
}

/** Ticks every 50 ms of fake time for `ms`, one property run per tick. */
function tick(line: ProgressLine, clock: FakeClock, ms: number): void {
  for (let t = 0; t < ms; t += 50) {
    clock.ms += 50;
    line.update(at(clock.ms / 50));
  }
}

describe('the progress line on a terminal', () => {
  it('redraws one line in place, at most every 100 ms, and never writes a new line', () => {
    const stream = new FakeStream(true, 200);
    const clock = new FakeClock();
    const line = progressLine(stream, clock);
    tick(line, clock, 1000);
    expect(stream.written).not.toContain('\n');
    const frames = stream.written.split('\r\u001b[2K');
    expect(frames[0]).toBe('');
    expect(frames).toHaveLength(1 + 10);
    expect(frames[10]).toBe('runs 19/500 · 190 operations checked · 0 divergences · 19.0s elapsed');
    line.clear();
    expect(stream.written.endsWith('\r\u001b[2K')).toBe(true);
    expect(stream.written).not.toContain('\n');
  });

  it('cuts the line to the width of the terminal, so it never wraps onto a new line', () => {
    const stream = new FakeStream(true, 40);
    const clock = new FakeClock();
    const line = progressLine(stream, clock);
    tick(line, clock, 300);
    const frames = stream.written.split('\r\u001b[2K').slice(1);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) {
      expect([...frame]).toHaveLength(39);
      expect(frame.endsWith('…')).toBe(true);
    }
  });

  it('paints the line red once a divergence is found', () => {
    const stream = new FakeStream(true, 200);
    const clock = new FakeClock();
    const line = progressLine(stream, clock, ansi);
    line.update(at(1));
    clock.ms = 200;
    line.update(at(2, 1));
    expect(stream.written).toBe(
      '\r\u001b[2Kruns 1/500 · 10 operations checked · 0 divergences · 1.0s elapsed' +
        '\r\u001b[2K\u001b[31mruns 2/500 · 20 operations checked · 1 divergence · 2.0s elapsed\u001b[39m',
    );
  });

  it('clears nothing when nothing was drawn', () => {
    const stream = new FakeStream(true, 80);
    progressLine(stream, new FakeClock()).clear();
    expect(stream.written).toBe('');
  });
});

describe('the progress line in a log (not a terminal, or CI)', () => {
  it('prints at most one line every five seconds, each ending in one newline, no blank lines', () => {
    const stream = new FakeStream(false);
    const clock = new FakeClock();
    const line = progressLine(stream, clock);
    tick(line, clock, 17_000);
    line.clear();
    expect(stream.written).not.toContain('\r');
    expect(stream.written).not.toContain('\u001b');
    expect(stream.written.split('\n')).toEqual([
      'progress: runs 100/500 · 1000 operations checked · 0 divergences · 1m40s elapsed',
      'progress: runs 200/500 · 2000 operations checked · 0 divergences · 3m20s elapsed',
      'progress: runs 300/500 · 3000 operations checked · 0 divergences · 5m elapsed',
      '',
    ]);
  });

  it('says how many sequences were shrink attempts, apart from the runs', () => {
    const base = {
      runsDone: 30,
      runsPlanned: 30,
      operations: 939,
      divergences: 2,
      elapsedMs: 70_000,
    };
    expect(formatProgress({ ...base, shrinkAttempts: 125 })).toBe(
      'runs 30/30 · 939 operations checked · 2 divergences (125 shrink attempts) · 1m10s elapsed',
    );
    expect(formatProgress({ ...base, shrinkAttempts: 0 })).toBe(
      'runs 30/30 · 939 operations checked · 2 divergences · 1m10s elapsed',
    );
  });

  it('prints nothing for a run shorter than one interval', () => {
    const stream = new FakeStream(false);
    const clock = new FakeClock();
    const line = progressLine(stream, clock);
    tick(line, clock, 4900);
    line.clear();
    expect(stream.written).toBe('');
  });

  it('is a log under CI even on a terminal', () => {
    const terminal = captureTerminal({ isTTY: true, env: { CI: 'true' } });
    expect(progressStreamOf(terminal).isTTY).toBe(false);
    expect(progressStreamOf(captureTerminal({ isTTY: true })).isTTY).toBe(true);
    expect(progressStreamOf(captureTerminal({ isTTY: true, env: { CI: 'false' } })).isTTY).toBe(
      true,
    );
  });
});

describe('the progress line on a closed pipe', () => {
  it.each([true, false])('writes nothing once the reader has gone (TTY: %s)', (isTTY) => {
    const stream = new FakeStream(isTTY, 80);
    const clock = new FakeClock();
    const line = progressLine(stream, clock);
    stream.writable = false;
    tick(line, clock, 12_000);
    line.clear();
    expect(stream.written).toBe('');
  });

  it('stops writing, without throwing, when a write fails', () => {
    let writes = 0;
    const failing: ProgressStream = {
      isTTY: true,
      writable: true,
      write: () => {
        writes += 1;
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      },
    };
    const clock = new FakeClock();
    const broken = new ProgressLine(failing, plain, {
      now: clock.now,
      liveIntervalMs: 100,
      plainIntervalMs: 5000,
    });
    expect(() => {
      tick(broken, clock, 1000);
      broken.clear();
    }).not.toThrow();
    expect(writes).toBe(1);
  });

  it("follows the terminal's closed flag", () => {
    let closed = false;
    const terminal = { ...captureTerminal({ isTTY: true }), closed: () => closed };
    const stream = progressStreamOf(terminal);
    expect(stream.writable).toBe(true);
    closed = true;
    expect(stream.writable).toBe(false);
  });
});
