/**
 * The entry of the run script (`dist/cli-run/main.cjs`, built by scripts/build-cli-bundle.mjs and
 * loaded by the installed bin for `lambda-conformance run` through `runScript.ts`): the CLI's
 * {@link main}, with what every memory run loads imported statically (the run command, the memory
 * target and its mutant catalogue), so the script sets them up as it loads, with the rest of the
 * start-up, rather than at their lazy imports. What only some runs need (the aws target, the YAML
 * parser, a baseline, a trace) stays behind lazy imports, as in the sources: the script runs such
 * a module's body when it is first imported.
 */
import './runCommand.ts';
import '../targets/memory/MemoryTarget.ts';
import '../targets/memory/mutants.ts';
import '../targets/memory/mutantProfiles.ts';

export { main } from './main.ts';
