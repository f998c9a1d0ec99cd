/**
 * The entry of the run bundle (`dist/cli-run/`, built by scripts/build-cli-bundle.mjs), which the
 * installed bin loads for `lambda-conformance run`: the CLI's {@link main}, with what a memory run
 * loads imported here statically (the run command, the memory target and its mutant catalogue), so
 * that the bundler puts them in one module with `main` instead of the ~40 chunks the whole CLI's
 * bundle splits them into (each module a process loads costs ~0.5 ms of resolving, reading and
 * linking). What only some runs need (the aws target, the YAML parser, a baseline, a trace) stays
 * behind lazy imports, as in the sources.
 */
import './runCommand.ts';
import '../targets/memory/MemoryTarget.ts';
import '../targets/memory/mutants.ts';
import '../targets/memory/mutantProfiles.ts';

export { main } from './main.ts';
