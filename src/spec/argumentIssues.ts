import { INPUT_DEFAULTS } from '../lambda/catalogue.ts';
import { closest } from '../errors/didYouMean.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { Spec } from './Spec.ts';

function hint(wrong: string, candidates: Iterable<string>): string {
  const match = closest(wrong, candidates);
  return match === undefined ? '' : ` Did you mean '${match}'?`;
}

/**
 * What is wrong with the abstract arguments of one call of a spec operation: arguments it does not
 * take, values of the wrong kind or out of range, arguments it needs and lacks (an input of
 * `INPUT_DEFAULTS` may be left out). One message per
 * problem, none when the arguments are fine or the operation is not the spec's (the caller reports
 * that). Recorded traces and saved counterexamples are checked with it before anything is judged.
 */
export function argumentIssues(
  spec: Spec,
  operationName: string,
  args: Readonly<Record<string, string | number>>,
): string[] {
  const operation = spec.operations.get(operationName);
  if (operation === undefined) return [];
  const issues: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (!operation.inputs.includes(name)) {
      const takes = operation.inputs.length === 0 ? 'none' : operation.inputs.join(', ');
      issues.push(
        `${operationName} takes no argument '${excerpt(name)}' (it takes: ${takes}).${hint(name, operation.inputs)}`,
      );
      continue;
    }
    const decl = spec.inputs.get(name);
    if (decl === undefined) continue;
    if (decl.type === 'int') {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.push(
          `argument '${name}' must be a whole number, got ${excerpt(JSON.stringify(value) ?? String(value))}`,
        );
      } else if (value < decl.min || value > decl.max) {
        issues.push(
          `argument '${name}' is ${value}, out of range: expected ${decl.min} to ${decl.max}`,
        );
      }
    } else if (!decl.values.includes(String(value))) {
      issues.push(
        `argument '${name}' is ${excerpt(JSON.stringify(value) ?? String(value))}: expected one of ${decl.values.join(', ')}.${hint(String(value), decl.values)}`,
      );
    }
  }
  for (const name of operation.inputs) {
    if (!(name in args) && !Object.hasOwn(INPUT_DEFAULTS, name)) {
      issues.push(`${operationName} is missing its argument '${name}'`);
    }
  }
  return issues;
}
