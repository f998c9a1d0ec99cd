import { loadSpec } from './src/spec/loadSpec.ts';
import { snapshotAims } from './src/runner/tourAims.ts';
const spec = await loadSpec('spec/lambda-lifecycle.yaml');
console.log(JSON.stringify(snapshotAims(spec, spec.defaultReading), null, 0));
