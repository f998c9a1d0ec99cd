import { relative } from 'node:path';
import { closest } from '../errors/didYouMean.ts';
import { OBSERVATION_FIELDS } from '../lambda/catalogue.ts';
import { argumentIssues } from '../spec/argumentIssues.ts';
import type { Spec } from '../spec/Spec.ts';
import type { Observation } from '../lambda/Observation.ts';
import { formatOperation } from '../lambda/Operation.ts';
import type { TraceIssue, TraceRun, TraceStepLine } from './readTrace.ts';
import type { TraceOpLine } from './TraceRecord.ts';
import { excerpt } from '../errors/excerpt.ts';

const FIELD_NAMES: readonly string[] = Object.keys(OBSERVATION_FIELDS);

function hint(wrong: string, candidates: Iterable<string>): string {
  const match = closest(wrong, candidates);
  return match === undefined ? '' : ` Did you mean '${match}'?`;
}

function observationIssues(observation: Observation): string[] {
  switch (observation.kind) {
    case 'ok':
      return Object.keys(observation.fields)
        .filter((f) => !FIELD_NAMES.includes(f))
        .map((f) => `unknown observation field '${excerpt(f)}'.${hint(f, FIELD_NAMES)}`);
    case 'error':
      return Number.isInteger(observation.status) &&
        observation.status >= 100 &&
        observation.status <= 599
        ? []
        : [`error status ${observation.status} is not an HTTP status (100 to 599)`];
    case 'inconclusive':
      return [];
  }
}

function opIssues(spec: Spec, step: TraceOpLine): string[] {
  if (!spec.operations.has(step.operation)) {
    return [
      `unknown operation '${excerpt(step.operation)}': ${relative(process.cwd(), spec.file)} has no such operation.${hint(step.operation, spec.operations.keys())}`,
    ];
  }
  const issues = [
    ...argumentIssues(spec, step.operation, step.args),
    ...observationIssues(step.observation),
  ];
  const command = formatOperation({ name: step.operation, fn: step.fn, args: step.args });
  if (issues.length === 0 && step.command !== command) {
    issues.push(
      `'command' is '${excerpt(step.command)}' but the operation, function and arguments say '${command}'`,
    );
  }
  return issues;
}

/** What a step may not undercut: the time the previous step started, and the end of the last call. */
interface Clock {
  started: number;
  ended: number;
}

function timeIssues(step: TraceStepLine, clock: Clock): string[] {
  const issues: string[] = [];
  if (step.at < clock.started) {
    issues.push(
      `time goes backwards: 'at' is ${step.at}, the previous step was at ${clock.started}`,
    );
  } else if (step.at < clock.ended) {
    issues.push(
      `time goes backwards: 'at' is ${step.at}, before the previous call ended (${clock.ended})`,
    );
  }
  if (step.type === 'op' && step.end < step.at) {
    issues.push(`time goes backwards: 'end' ${step.end} is before 'at' ${step.at}`);
  }
  clock.started = Math.max(clock.started, step.at);
  if (step.type === 'op') clock.ended = Math.max(clock.ended, step.end);
  return issues;
}

function stepIssues(spec: Spec, step: TraceStepLine, clock: Clock): string[] {
  const issues = timeIssues(step, clock);
  switch (step.type) {
    case 'op':
      return [...issues, ...opIssues(spec, step)];
    case 'inject':
      return spec.events.includes(step.event)
        ? issues
        : [
            ...issues,
            `unknown event '${excerpt(step.event)}': expected one of ${spec.events.join(', ')}.${hint(step.event, spec.events)}`,
          ];
    case 'wait':
      return issues;
  }
}

/**
 * Checks that every line of a parsed trace speaks the spec's language before anything is judged:
 * known operations with known, in-range arguments (all of them), known observation fields, a
 * `command` text that matches the operation and its arguments, known events, known `unobservable`
 * fields, and times that never go backwards within a run. Returns every problem with its line;
 * none means the trace can be checked.
 */
export function validateTrace(runs: readonly TraceRun[], spec: Spec): TraceIssue[] {
  const issues: TraceIssue[] = [];
  for (const run of runs) {
    for (const field of run.header.unobservable ?? []) {
      if (!FIELD_NAMES.includes(field)) {
        issues.push({
          line: run.line,
          message: `'unobservable' names '${excerpt(field)}', which is not an observation field.${hint(field, FIELD_NAMES)}`,
        });
      }
    }
    const clock: Clock = { started: 0, ended: 0 };
    for (const step of run.steps) {
      for (const message of stepIssues(spec, step, clock))
        issues.push({ line: step.line, message });
    }
  }
  return issues;
}
