/**
 * One folder of `src/` in the layering: what it owns and which folders its production files may
 * import (besides its own files). A subfolder belongs to its parent's layer unless it is listed
 * itself (`targets/handler/` is part of `targets`).
 */
export interface Layer {
  /** Folder under `src/`, with `/` separators. */
  readonly folder: string;
  /** What the folder owns, in one line. */
  readonly owns: string;
  /** Folders it may import, each listed before it in {@link LAYERS}. */
  readonly mayImport: readonly string[];
}

const BELOW_CLI: readonly Layer[] = [
  {
    folder: 'errors',
    owns: 'HarnessError, issues and how they print; didYouMean hints',
    mayImport: [],
  },
  {
    folder: 'text',
    owns: "the output interface (Io), the one duration grammar and formatter, the output probes, and the package's cache folder (`cacheFolder.ts`: the parse cache's and the run script's code cache's)",
    mayImport: [],
  },
  {
    folder: 'options',
    owns: 'option tables: typed options, their text forms and checks, shared by argv and the API',
    mayImport: ['text', 'errors'],
  },
  {
    folder: 'package',
    owns: "where the installed package's own files are (the shipped spec, scenarios, package.json)",
    mayImport: ['text', 'errors'],
  },
  {
    folder: 'lambda',
    owns: 'the Lambda vocabulary: the catalogue of operations, events and observation fields; Operation, Observation, the LambdaApi shapes',
    mayImport: ['text', 'errors'],
  },
  {
    folder: 'spec',
    owns: 'reading, checking and linting spec and scenario files into Spec and Scenario',
    mayImport: ['text', 'lambda', 'errors'],
  },
  {
    folder: 'monitor',
    owns: 'judging each observation against the spec, per function',
    mayImport: ['text', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'targets',
    owns: 'the Target interface and what every adapter shares (observeResponse, operationArgs, SessionBook, the conformance role and handler/)',
    mayImport: ['text', 'lambda', 'errors'],
  },
  {
    folder: 'targets/memory',
    owns: 'the Lambda simulation and the memory target with its mutants, built from the documents and never from the spec',
    mayImport: ['text', 'targets', 'lambda', 'errors'],
  },
  {
    folder: 'targets/aws',
    owns: 'the aws target over @aws-sdk/client-lambda (real AWS or an endpoint) and cleanup',
    mayImport: ['text', 'targets', 'lambda', 'errors'],
  },
  {
    folder: 'emulator',
    owns: 'the HTTP server that serves the simulation as the Lambda REST API',
    mayImport: ['text', 'targets/memory', 'targets', 'lambda', 'errors'],
  },
  {
    folder: 'commands',
    owns: 'harness commands and the fast-check generator of command sequences',
    mayImport: ['text', 'spec', 'targets', 'lambda', 'errors'],
  },
  {
    folder: 'connect',
    owns: "opening a target by name from a scenario's target settings (ScenarioTarget), starting the emulator when asked",
    mayImport: [
      'text',
      'emulator',
      'targets/aws',
      'targets/memory',
      'targets',
      'spec',
      'lambda',
      'errors',
    ],
  },
  {
    folder: 'runner',
    owns: 'the engine: lanes, the worker pool, one sequence (Execution) checked by the StepChecker, counterexamples, replay; the run record',
    mayImport: ['text', 'commands', 'targets', 'monitor', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'traces',
    owns: 'recording runs as JSON Lines traces (run --record) and checking them offline (check-trace)',
    mayImport: ['text', 'runner', 'commands', 'targets', 'monitor', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'diff',
    owns: 'the same sequences on two targets, each differing answer judged (diff)',
    mayImport: [
      'text',
      'traces',
      'runner',
      'commands',
      'targets',
      'monitor',
      'spec',
      'lambda',
      'errors',
    ],
  },
  {
    folder: 'baseline',
    owns: 'known divergences: reading baseline files, applying them to a run record',
    mayImport: ['text', 'runner', 'monitor', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'specMutants',
    owns: 'mutating the spec to score what a faithful target exposes (mutants --spec)',
    mayImport: ['text', 'runner', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'importers',
    owns: 'turning recordings made elsewhere (LocalStack snapshot tests) into traces',
    mayImport: ['text', 'traces', 'targets', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'importers/localstack',
    owns: "LocalStack's AWS-validated snapshot files and the call order read from their test code",
    mayImport: ['text', 'importers', 'lambda', 'errors'],
  },
  {
    folder: 'reporters',
    owns: 'turning a run record into console, JSON, JUnit and Markdown reports and GitHub Actions annotations',
    mayImport: ['text', 'runner', 'monitor', 'spec', 'lambda', 'errors'],
  },
  {
    folder: 'run',
    owns: 'the one run pipeline: RunOptions, resolveRun (options over scenario over defaults), executeRun (preflight, run, gate, baseline, reporters, dispose), exit codes',
    mayImport: [
      'text',
      'options',
      'reporters',
      'baseline',
      'traces',
      'runner',
      'connect',
      'targets/memory',
      'spec',
      'lambda',
      'package',
      'errors',
    ],
  },
  {
    folder: 'api',
    owns: 'the programmatic API (runConformance, listRules, exitCodeOf)',
    mayImport: [
      'text',
      'run',
      'options',
      'reporters',
      'baseline',
      'traces',
      'runner',
      'connect',
      'commands',
      'targets/memory',
      'targets',
      'monitor',
      'spec',
      'lambda',
      'package',
      'errors',
    ],
  },
  {
    folder: 'vitest',
    owns: 'the vitest helper (describeConformance): one test per rule',
    mayImport: [
      'text',
      'api',
      'reporters',
      'baseline',
      'runner',
      'monitor',
      'spec',
      'lambda',
      'package',
      'errors',
    ],
  },
];

/**
 * The allowed imports between the folders of `src/`, bottom to top: a folder imports only folders
 * listed before it, so there is no cycle. Test files and test support (`*.test.ts`, `*.testkit.ts`,
 * `fixtures/`) are not bound by it. src/architecture/layers.test.ts holds the code to this table;
 * change the table first when a new folder or a new dependency is intended.
 */
export const LAYERS: readonly Layer[] = [
  ...BELOW_CLI,
  {
    folder: 'cli',
    owns: 'the command line: argv, subcommands, exit codes; it may import every folder below it',
    mayImport: BELOW_CLI.map((layer) => layer.folder),
  },
  {
    folder: 'architecture',
    owns: 'this table (tooling: no folder imports it)',
    mayImport: [],
  },
];

/** The table as Markdown (folder, what it owns, what it may import), for the architecture docs. */
export function layerTableMarkdown(layers: readonly Layer[] = LAYERS): string {
  const rows = layers.map(
    (layer) =>
      `| \`${layer.folder}/\` | ${layer.owns} | ${
        layer.mayImport.length === 0 ? '—' : layer.mayImport.map((f) => `\`${f}\``).join(', ')
      } |`,
  );
  return ['| Folder | Owns | May import |', '|---|---|---|', ...rows].join('\n');
}
