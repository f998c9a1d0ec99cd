// A plain-JavaScript consumer: `node app.mjs`, no TypeScript loader. It runs the shipped emulator
// scenario (the aws target through the AWS SDK against the built-in emulator) and prints a summary.
import { exitCodeOf, listRules, runConformance } from 'lambda-conformance';

const scenario = new URL(import.meta.resolve('lambda-conformance/scenarios/emulator.yaml'));
const record = await runConformance(scenario, { runs: 2, seed: 7, save: false });
console.log(
  JSON.stringify({
    rules: listRules(scenario).length,
    target: record.target.name,
    verdict: record.verdict,
    exitCode: exitCodeOf(record),
  }),
);
