import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/** @internal One step of a GitHub Actions job, the fields this reads. */
export interface WorkflowStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}

/** @internal What one step did: a `run` step's exit code and output; a `uses` step is not run. */
export interface StepResult {
  readonly step: WorkflowStep;
  readonly ran: boolean;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** @internal The steps of the one job of a workflow file. */
export async function workflowSteps(file: string): Promise<readonly WorkflowStep[]> {
  const data = parse(await readFile(file, 'utf8')) as {
    jobs?: Record<string, { steps?: WorkflowStep[] }>;
  };
  const jobs = Object.values(data.jobs ?? {});
  if (jobs.length !== 1) throw new Error(`${file}: expected one job, found ${jobs.length}`);
  return jobs[0]?.steps ?? [];
}

/**
 * @internal Runs one `run:` script as GitHub's default shell on Linux does (`bash --noprofile
 * --norc -eo pipefail`), in its own process group, so whatever it leaves running in the
 * background (an emulator) can be stopped by the group's id afterwards.
 */
function runScript(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  groups: number[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) groups.push(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * @internal Runs the `run:` steps of a workflow in order in `cwd`, as the Actions runner would:
 * after a failed step only `if: always()` steps still count. `uses:` steps (actions) are not run
 * here; the caller checks them. The ids of the process groups the steps ran in are pushed to
 * `groups` as they start: stop them with {@link stopGroups}.
 */
export async function runWorkflow(
  steps: readonly WorkflowStep[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  groups: number[],
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let failed = false;
  for (const step of steps) {
    if (failed && step.if !== 'always()') continue;
    if (step.run === undefined) {
      results.push({ step, ran: false, code: 0, stdout: '', stderr: '' });
      continue;
    }
    const ran = await runScript(step.run, cwd, env, groups);
    results.push({ step, ran: true, ...ran });
    if (ran.code !== 0) failed = true;
  }
  return results;
}

/** @internal Stops the process groups `runWorkflow` started (SIGTERM), skipping those gone. */
export function stopGroups(groups: readonly number[]): void {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}
