// A TypeScript consumer (strict, NodeNext), compiled by tsc against the package's declarations.
import {
  exitCodeOf,
  HarnessError,
  listRules,
  runConformance,
  type RuleEntry,
  type RunRecord,
} from 'lambda-conformance';

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
  }),
);
