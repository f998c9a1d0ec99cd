import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { installConsumer, pack } from '../package-test/installPackage.testkit.ts';

/** The seed of the benchmarks' one-run commands (the default scenario's). */
const ONE_RUN_SEED = '20261123';

/**
 * The arguments of the benchmarks' one-run memory command, reports into `out`, with `extra` flags:
 * a fixed seed, so that every process measures the same sequence (a random one measured a
 * different run each time).
 */
export function oneRunArgs(out: string, extra: readonly string[] = []): string[] {
  return ['run', '--runs', '1', '--seed', ONE_RUN_SEED, '--no-save', ...extra, '--out', out];
}

/** The one runs timed with the parse cache off: each costs seconds, and a median of 3 is enough. */
const UNCACHED_REPEATS = 3;
/** How long to wait at most, after the install, for a bare node to start as fast as before it (ms). */
const SETTLE_MAX_MS = 90_000;

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** Wall time of one `node …args` in `cwd` (with `env` added), ms; throws when it fails. */
/**
 * Waits until a bare node starts within 10% of `quiet` ms (median of 5), at most
 * {@link SETTLE_MAX_MS}; returns how long it waited.
 */
async function settle(quiet: number, cwd: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    const now = median(Array.from({ length: 5 }, () => timed(['-e', ''], cwd)));
    if (now <= quiet * 1.1 || Date.now() - start >= SETTLE_MAX_MS) return Date.now() - start;
    await sleep(5_000);
  }
}

function timed(args: readonly string[], cwd: string, env: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return ms;
}

/**
 * Start-up of the published package: packs this repository, installs the tarball into a temporary
 * project (offline, as package-test does), then times through the installed bin (the built
 * JavaScript in dist/, no TypeScript loader) `lambda-conformance --help` and a one-run memory
 * command (`run --runs 1 --seed 20261123 --no-save`: the shipped default scenario and spec, all four reporters),
 * that one with the parse cache warm and with it off (`LAMBDA_CONFORMANCE_CACHE=off`), against a
 * bare `node -e ''` for reference. Medians of `repeats`, interleaved, after one warm-up each, once
 * a bare node starts about as fast as before the pack (the build and the install leave this
 * machine slow for a while); the runs with the cache off (median of
 * {@link UNCACHED_REPEATS}, after their own warm-up) after the others.
 */
export async function packagedStartup(repeats: number): Promise<{
  helpMs: number;
  oneRunMs: number;
  oneRunUncachedMs: number;
  bareNodeMs: number;
  packMs: number;
  installMs: number;
  quietBareNodeMs: number;
  settledAfterMs: number;
}> {
  // A bare node before the pack, for {@link settle}.
  const quiet = median(Array.from({ length: 5 }, () => timed(['-e', ''], tmpdir())));
  const work = await mkdtemp(join(tmpdir(), 'lc-bench-package-'));
  const packed = await pack(work);
  const consumer = await installConsumer(join(work, 'consumer'), packed, []);
  const bin = join('node_modules', 'lambda-conformance', 'bin', 'lambda-conformance.mjs');
  const oneRun = [bin, ...oneRunArgs(join(work, 'reports'))];
  const uncached = { LAMBDA_CONFORMANCE_CACHE: 'off' };
  // The pack (a whole build) and the install leave this machine slow for a while (bare node
  // measured 140–171 ms just after them, 115–120 ms before): timed once it has settled.
  const settledAfterMs = await settle(quiet, consumer.dir);
  timed([bin, '--help'], consumer.dir);
  timed(oneRun, consumer.dir);
  timed(['-e', ''], consumer.dir);
  const help: number[] = [];
  const run: number[] = [];
  const runUncached: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < repeats; i++) {
    help.push(timed([bin, '--help'], consumer.dir));
    run.push(timed(oneRun, consumer.dir));
    bare.push(timed(['-e', ''], consumer.dir));
  }
  // Apart, after the others: several seconds of CPU each (the tours are planned afresh), which
  // slowed whatever process came next when they were interleaved (the `--help` after one measured
  // ~30 ms more than alone).
  timed(oneRun, consumer.dir, uncached);
  for (let i = 0; i < UNCACHED_REPEATS; i++) {
    runUncached.push(timed(oneRun, consumer.dir, uncached));
  }
  // The tarball and the consumer project (its node_modules) are not kept.
  await rm(work, { recursive: true, force: true, maxRetries: 3 });
  return {
    helpMs: Math.round(median(help)),
    oneRunMs: Math.round(median(run)),
    oneRunUncachedMs: Math.round(median(runUncached)),
    bareNodeMs: Math.round(median(bare)),
    packMs: packed.ms,
    installMs: consumer.installMs,
    quietBareNodeMs: Math.round(quiet),
    settledAfterMs,
  };
}
