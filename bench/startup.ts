import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { oneRunArgs } from './packagedStartup.ts';

/**
 * Start-up: wall time of `lambda-conformance run` with one run until the process has checked its
 * first operation, measured as the process's own time to the first trace line (`--record`), plus
 * the whole one-run command for reference. Median of `repeats`.
 */
export function startup(repeats: number): { firstOperationMs: number; wholeRunMs: number } {
  const first: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'lc-bench-'));
    const trace = join(dir, 'trace.jsonl');
    const start = Date.now();
    const r = spawnSync(
      process.execPath,
      ['bin/lambda-conformance.mjs', ...oneRunArgs(dir, ['--reporter', 'json', '--record', trace])],
      {
        env: { ...process.env, LAMBDA_CONFORMANCE_MARK_START: String(start) },
        encoding: 'utf8',
      },
    );
    whole.push(Date.now() - start);
    if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
    const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { startedAt: string };
    // The run record's startedAt is taken just before the first operation is generated.
    first.push(Date.parse(record.startedAt) - start);
  }
  const median = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { firstOperationMs: median(first), wholeRunMs: median(whole) };
}

/** Figures of the built CLI (dist/, `npm run build`): medians of `repeats`, in ms. */
export interface BuiltStartup {
  /** `node -e ''`: what any Node process costs here (the machine's floor). */
  readonly bareNodeMs: number;
  /** `lambda-conformance --help`. */
  readonly helpMs: number;
  /** `lambda-conformance run --runs 1` on the memory target (default scenario, nothing saved). */
  readonly oneRunMs: number;
  /** The 1-minute load average when the measurement ended (figures mean little above the cores). */
  readonly loadAverage: number;
}

/**
 * Start-up of the built CLI, as the published package runs it (dist/cli-bundle/ and dist/cli-run/, no
 * TypeScript loader):
 * `--help` and a one-run memory command, each the median of `repeats` processes after one warm-up
 * (which also fills the spec's parse cache), beside a bare `node -e ''`. Needs `npm run build`.
 */
export function builtStartup(repeats: number): BuiltStartup {
  // What the installed bin runs (scripts/build-cli-bundle.mjs): for `run`, dist/cli-run/main.cjs
  // through dist/cli/runScript.js (V8's code cache, stored after the run); for the rest,
  // dist/cli-bundle/.
  const built = (file: string): string => {
    const path = join(process.cwd(), 'dist', file);
    if (!existsSync(path)) throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
    return path;
  };
  const url = (file: string): string => JSON.stringify(pathToFileURL(built(file)).href);
  const bundleCli = [
    '-e',
    `import(${url('cli-bundle/main.js')}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`,
    '--',
  ];
  const runCli = [
    '-e',
    `import(${url('cli/runScript.js')}).then(async (m) => { const s = m.loadRunScript(${JSON.stringify(built('cli-run/main.cjs'))}); process.exitCode = await s.exports.main(process.argv.slice(1)); s.saveCodeCache(); })`,
    '--',
  ];
  const out = mkdtempSync(join(tmpdir(), 'lc-bench-'));
  const timed = (args: readonly string[]): number => {
    const start = performance.now();
    const r = spawnSync(process.execPath, args, {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      encoding: 'utf8',
    });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return ms;
  };
  const median = (xs: number[]): number =>
    Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);
  const help = [...bundleCli, '--help'];
  const oneRun = [...runCli, ...oneRunArgs(out, ['--reporter', 'json'])];
  timed(help);
  timed(oneRun);
  const bare: number[] = [];
  const helps: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    bare.push(timed(['-e', '']));
    helps.push(timed(help));
    runs.push(timed(oneRun));
  }
  return {
    bareNodeMs: median(bare),
    helpMs: median(helps),
    oneRunMs: median(runs),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
