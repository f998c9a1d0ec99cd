import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli, tempDir } from './cli.testkit.ts';
import { takeColorFlags } from './colorFlags.ts';

const ANSI = /\u001b\[\d+m/;

describe('takeColorFlags', () => {
  it('takes --color and --no-color out of the arguments before --', () => {
    expect(takeColorFlags(['a', '--color', '--runs', '2'])).toEqual({
      color: true,
      args: ['a', '--runs', '2'],
    });
    expect(takeColorFlags(['--no-color'])).toEqual({ color: false, args: [] });
    expect(takeColorFlags(['x', '--', '--color'])).toEqual({
      color: undefined,
      args: ['x', '--', '--color'],
    });
  });

  it('refuses both flags at once and a flag with a value, in one line', () => {
    expect(() => takeColorFlags(['--color', '--no-color'])).toThrow(
      '--color and --no-color contradict each other: give one.',
    );
    expect(() => takeColorFlags(['--color=always'])).toThrow('--color: takes no value.');
  });
});

describe('--color, --no-color, FORCE_COLOR and NO_COLOR on the console output', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function summary(...flags: string[]): Promise<string> {
    const out = await tempDir();
    const result = await cli(
      'run',
      '--runs',
      '2',
      '--no-save',
      '--reporter',
      'console',
      '--out',
      out,
      ...flags,
    );
    expect([result.code, result.err]).toEqual([0, '']);
    return result.out;
  }

  it('colours the output (not a terminal here) only when asked', async () => {
    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('FORCE_COLOR', undefined);
    expect(await summary()).not.toMatch(ANSI);
    expect(await summary('--color')).toMatch(ANSI);
    vi.stubEnv('FORCE_COLOR', '1');
    expect(await summary()).toMatch(ANSI);
    expect(await summary('--no-color')).not.toMatch(ANSI);
  });

  it('leaves colour out under NO_COLOR unless --color asks for it', async () => {
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('NO_COLOR', '1');
    expect(await summary()).not.toMatch(ANSI);
    expect(await summary('--color')).toMatch(ANSI);
  });

  it('lists the colour flags in the --help of the commands that print colour', async () => {
    for (const command of ['run', 'check-trace', 'merge']) {
      const help = await cli(command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toMatch(/^ {2}--color {2,}\S/m);
      expect(help.out).toMatch(/^ {2}--no-color {2,}\S/m);
    }
  });
});
