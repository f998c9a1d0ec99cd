import { describe, expect, it } from 'vitest';
import { ansi, paintFor, plain, resolveColor } from './paint.ts';

describe('resolveColor', () => {
  const tty = { flag: undefined, env: {}, isTTY: true } as const;
  const pipe = { flag: undefined, env: {}, isTTY: false } as const;

  it('colours a terminal and nothing else by default', () => {
    expect(resolveColor(tty)).toBe(true);
    expect(resolveColor(pipe)).toBe(false);
    expect(resolveColor({ ...tty, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('honours NO_COLOR set to anything but the empty string', () => {
    expect(resolveColor({ ...tty, env: { NO_COLOR: '1' } })).toBe(false);
    expect(resolveColor({ ...tty, env: { NO_COLOR: '' } })).toBe(true);
  });

  it('lets FORCE_COLOR switch colour on off a terminal, and 0 or false switch it off', () => {
    for (const value of ['1', '2', '3', 'true', '']) {
      expect(resolveColor({ ...pipe, env: { FORCE_COLOR: value } })).toBe(true);
    }
    for (const value of ['0', 'false', 'FALSE']) {
      expect(resolveColor({ ...tty, env: { FORCE_COLOR: value } })).toBe(false);
    }
    // FORCE_COLOR wins over NO_COLOR, as in Node.js.
    expect(resolveColor({ ...pipe, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).toBe(true);
  });

  it('lets --color and --no-color win over the environment and the terminal', () => {
    expect(resolveColor({ ...pipe, flag: true, env: { NO_COLOR: '1', FORCE_COLOR: '0' } })).toBe(
      true,
    );
    expect(resolveColor({ ...tty, flag: false, env: { FORCE_COLOR: '1' } })).toBe(false);
  });
});

describe('paintFor', () => {
  it('paints with ANSI codes only when the terminal colour is on', () => {
    expect(paintFor({ color: true })).toBe(ansi);
    expect(paintFor({ color: false })).toBe(plain);
    expect(ansi('red', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(plain('red', 'x')).toBe('x');
  });
});
