import { HarnessError } from '../errors/HarnessError.ts';
import { closest } from '../errors/didYouMean.ts';
import { createConsoleReporter } from './ConsoleReporter.ts';
import { createGithubActionsReporter } from './GithubActionsReporter.ts';
import { createJsonReporter, JSON_REPORT_FILE } from './JsonReporter.ts';
import { createJunitReporter, JUNIT_REPORT_FILE } from './JunitReporter.ts';
import { createMarkdownReporter, MARKDOWN_REPORT_FILE } from './MarkdownReporter.ts';
import type { Reporter, ReporterFactory, Terminal } from './Reporter.ts';
import { excerpt } from '../errors/excerpt.ts';

/** Every reporter the harness ships, by the name scenarios and `--reporter` use. */
export const REPORTERS = {
  console: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  markdown: createMarkdownReporter,
  'github-actions': createGithubActionsReporter,
} as const satisfies Readonly<Record<string, ReporterFactory>>;

/**
 * The files each reporter writes into the output directory (bare names): a run checks that it can
 * write them before anything runs.
 */
export const REPORTER_FILES: Readonly<Record<ReporterName, readonly string[]>> = {
  console: [],
  json: [JSON_REPORT_FILE],
  junit: [JUNIT_REPORT_FILE],
  markdown: [MARKDOWN_REPORT_FILE],
  // It writes into the GitHub Actions step summary, never into the output directory.
  'github-actions': [],
};

/** The files the reporters `names` write into the output directory; unknown names add none. */
export function reportFilesNamed(names: readonly string[]): string[] {
  return names
    .map((n) => n.trim())
    .filter(isReporterName)
    .flatMap((n) => REPORTER_FILES[n]);
}

/** A registered reporter name. */
export type ReporterName = keyof typeof REPORTERS;

/** The registered names, in registry order. */
export const REPORTER_NAMES: readonly ReporterName[] = Object.keys(REPORTERS) as ReporterName[];

/** The reporter added to the default ones when a run happens in GitHub Actions. */
export const CI_REPORTER: ReporterName = 'github-actions';

/**
 * `names` plus the `github-actions` reporter when the environment is a GitHub Actions job
 * (`GITHUB_ACTIONS=true`): what a run uses when its command line names no reporter.
 */
export function withCiReporter(
  names: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): readonly string[] {
  if (env['GITHUB_ACTIONS'] !== 'true' || names.includes(CI_REPORTER)) return names;
  return [...names, CI_REPORTER];
}

/** Whether `name` is a registered reporter. */
export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/**
 * Builds a fresh reporter for each name, in the given order, a name given twice only once.
 * `terminal` is what the console reporter draws live progress on.
 *
 * @throws HarnessError `UNKNOWN_REPORTER` for a name not in the registry, with the closest known
 *   name and the full list.
 */
export function createReporters(names: readonly string[], terminal: Terminal): Reporter[] {
  const unique = [...new Set(names.map((n) => n.trim()))];
  const unknown = unique.filter((n) => !isReporterName(n));
  if (unknown.length > 0) {
    throw new HarnessError('UNKNOWN_REPORTER', unknown.map(unknownReporterMessage).join('\n'));
  }
  return unique.filter(isReporterName).map((name) => REPORTERS[name](terminal));
}

/** The files `reporters` write into their output directory, in order (`run.json`, …). */
export function reportFilesOf(reporters: readonly Reporter[]): string[] {
  return reporters.flatMap((r) => (r.file === undefined ? [] : [r.file]));
}

/** Why `name` is no reporter: the closest known name and the full list, in one sentence. */
export function unknownReporterMessage(name: string): string {
  const suggestion = closest(name, REPORTER_NAMES);
  const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`;
  return `unknown reporter '${excerpt(name)}'.${hint} Known reporters: ${REPORTER_NAMES.join(', ')}.`;
}
