import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installConsumer, pack } from '../package-test/installPackage.testkit.ts';

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
}

/** Wall time of one `node …args` in `cwd`, ms; throws when it fails. */
function timed(args: readonly string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [...args], { cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return ms;
}

/**
 * Start-up of the published package: packs this repository, installs the tarball into a temporary
 * project (offline, as package-test does), then times `lambda-conformance --help` there through
 * the installed bin (the built JavaScript in dist/, no TypeScript loader), against a bare
 * `node -e ''` for reference. Medians of `repeats`, after one warm-up each.
 */
export async function packagedStartup(
  repeats: number,
): Promise<{ helpMs: number; bareNodeMs: number; packMs: number; installMs: number }> {
  const work = await mkdtemp(join(tmpdir(), 'lc-bench-package-'));
  const packed = await pack(work);
  const consumer = await installConsumer(join(work, 'consumer'), packed, []);
  const bin = join('node_modules', 'lambda-conformance', 'bin', 'lambda-conformance.mjs');
  timed([bin, '--help'], consumer.dir);
  timed(['-e', ''], consumer.dir);
  const help: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < repeats; i++) {
    help.push(timed([bin, '--help'], consumer.dir));
    bare.push(timed(['-e', ''], consumer.dir));
  }
  return {
    helpMs: Math.round(median(help)),
    bareNodeMs: Math.round(median(bare)),
    packMs: packed.ms,
    installMs: consumer.installMs,
  };
}
