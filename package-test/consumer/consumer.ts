// A TypeScript consumer (strict, NodeNext), compiled by tsc against the package's declarations.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  exitCodeOf,
  HarnessError,
  listRules,
  runConformance,
  type RuleEntry,
  type RunRecord,
} from 'lambda-conformance';

// The shipped files, through the package's `exports`.
const shipped = [
  'lambda-conformance/spec/lambda-lifecycle.yaml',
  'lambda-conformance/spec/spec.schema.json',
  'lambda-conformance/scenarios/scenario.schema.json',
  'lambda-conformance/run-record.schema.json',
  'lambda-conformance/trace-line.schema.json',
].filter((specifier) => existsSync(fileURLToPath(import.meta.resolve(specifier))));

const scenario = new URL(import.meta.resolve('lambda-conformance/scenarios/default.yaml'));
const rules: readonly RuleEntry[] = listRules(scenario);
const record: RunRecord = await runConformance(scenario, { runs: 20, save: false });
let refused = '';
try {
  await runConformance('missing.yaml', { save: false });
} catch (error) {
  if (error instanceof HarnessError) refused = error.code;
}
console.log(
  JSON.stringify({
    rules: rules.length,
    verdict: record.verdict,
    exitCode: exitCodeOf(record),
    refused,
    shipped: shipped.length,
  }),
);
