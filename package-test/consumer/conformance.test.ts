// A vitest suite as a user writes it: one test per documented rule, on the shipped scenario.
import { describeConformance } from 'lambda-conformance/vitest';

describeConformance('node_modules/lambda-conformance/scenarios/default.yaml', {
  name: 'shipped default scenario',
  runs: 40,
  save: false,
});
