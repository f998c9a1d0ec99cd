import { excerpt } from '../errors/excerpt.ts';
import { EVENT_NAMES, OBSERVATION_FIELDS } from '../lambda/catalogue.ts';
import { CATEGORY_TITLES } from '../monitor/Verdict.ts';
import { STRICTNESS_LEVELS } from '../spec/strictness.ts';

/** Logical function names, as generated sequences write them: `fn0`, `fn1`, … */
export const LOGICAL_FUNCTION = /^fn[0-9]+$/;

/** Problems listed in one message; the rest are counted. */
const SHOWN = 6;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function shown(v: unknown): string {
  return excerpt(JSON.stringify(v) ?? String(v), 40);
}

/** Checks one optional member with `ok`; a problem names it and says what it must be. */
function optional(
  obj: Json,
  key: string,
  where: string,
  ok: (v: unknown) => boolean,
  what: string,
): string[] {
  const v = obj[key];
  return v === undefined || ok(v) ? [] : [`"${where}${key}" must be ${what}, found ${shown(v)}`];
}

function wholeNumber(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

function functionProblems(fn: unknown, where: string): string[] {
  return typeof fn === 'string' && LOGICAL_FUNCTION.test(fn)
    ? []
    : [`"${where}.fn" must be a logical function name (fn0, fn1, …), found ${shown(fn)}`];
}

function commandProblems(cmd: unknown, i: number): string[] {
  const where = `commands[${i}]`;
  if (!isObject(cmd)) return [`"${where}" must be an object`];
  switch (cmd['kind']) {
    case 'op': {
      const op = cmd['op'];
      if (!isObject(op)) return [`"${where}.op" must be an object with name, fn and args`];
      const problems = functionProblems(op['fn'], `${where}.op`);
      if (typeof op['name'] !== 'string' || op['name'] === '')
        problems.push(`"${where}.op.name" must be an operation name`);
      const args = op['args'];
      if (
        !isObject(args) ||
        !Object.values(args).every((v) => typeof v === 'string' || typeof v === 'number')
      )
        problems.push(`"${where}.op.args" must be an object of strings and numbers`);
      return problems;
    }
    case 'wait':
      return wholeNumber(cmd['ms'], 0)
        ? []
        : [`"${where}.ms" must be a whole number of milliseconds, found ${shown(cmd['ms'])}`];
    case 'settle':
      return [];
    case 'inject': {
      const problems = functionProblems(cmd['fn'], where);
      if (!(EVENT_NAMES as readonly unknown[]).includes(cmd['event']))
        problems.push(
          `"${where}.event" must be one of ${EVENT_NAMES.join(', ')}, found ${shown(cmd['event'])}`,
        );
      return problems;
    }
    default:
      return [`"${where}.kind" must be op, wait, settle or inject, found ${shown(cmd['kind'])}`];
  }
}

function eventsOk(v: unknown): boolean {
  return (
    isObject(v) &&
    Object.values(v).every(
      (r) => isObject(r) && typeof r['method'] === 'string' && typeof r['url'] === 'string',
    )
  );
}

function targetProblems(target: unknown): string[] {
  if (!isObject(target)) return ['"target" must be an object with name and mutants'];
  const problems: string[] = [];
  if (typeof target['name'] !== 'string') problems.push('"target.name" must be memory or aws');
  if (!isStrings(target['mutants']))
    problems.push(
      `"target.mutants" must be an array of mutant names (empty for none), found ${shown(target['mutants'])}`,
    );
  const text = (v: unknown): boolean => typeof v === 'string';
  for (const key of ['endpoint', 'region', 'role', 'runtime'])
    problems.push(...optional(target, key, 'target.', text, 'a string'));
  problems.push(
    ...optional(
      target,
      'endpointKind',
      'target.',
      (v) => v === 'emulator' || v === 'external' || v === 'aws',
      'emulator, external or aws',
    ),
    ...optional(target, 'observesCode', 'target.', (v) => typeof v === 'boolean', 'true or false'),
    ...optional(target, 'imageUris', 'target.', isStrings, 'an array of image URIs'),
    ...optional(
      target,
      'events',
      'target.',
      eventsOk,
      'an object of event requests ({ method, url, body? })',
    ),
    ...optional(target, 'emulator', 'target.', isObject, 'an object of emulator delays'),
    ...optional(target, 'callTimeoutMs', 'target.', (v) => wholeNumber(v, 1), 'a whole number ≥ 1'),
    ...optional(target, 'maxApiCalls', 'target.', (v) => wholeNumber(v, 1), 'a whole number ≥ 1'),
    ...optional(
      target,
      'imagePendingInvoke',
      'target.',
      (v) => v === 'allow' || v === 'refuse',
      'allow or refuse',
    ),
  );
  return problems;
}

function timingProblems(timing: unknown): string[] {
  if (!isObject(timing)) return ['"timing" must be an object of delays in ms'];
  return ['provisionMs', 'updateMs', 'versionMs', 'reactivateMs']
    .filter((k) => !(typeof timing[k] === 'number' && Number.isFinite(timing[k]) && timing[k] >= 0))
    .map((k) => `"timing.${k}" must be a delay in ms (a number ≥ 0)`);
}

function expectedProblems(expected: unknown): string[] {
  if (!isObject(expected)) return ['"expected" must be an object with the recorded verdict'];
  const problems: string[] = [];
  if (expected['verdict'] !== 'divergence' && expected['verdict'] !== 'conformant')
    problems.push(
      `"expected.verdict" must be divergence or conformant, found ${shown(expected['verdict'])}`,
    );
  problems.push(
    ...optional(expected, 'ruleId', 'expected.', (v) => typeof v === 'string', 'a rule id'),
    ...optional(
      expected,
      'category',
      'expected.',
      (v) => typeof v === 'string' && Object.hasOwn(CATEGORY_TITLES, v),
      `one of ${Object.keys(CATEGORY_TITLES).join(', ')}`,
    ),
  );
  return problems;
}

/**
 * What is wrong with a parsed counterexample file, before any spec is read: every member a replay
 * uses, of the right form (`"target.mutants" must be an array of mutant names …`), commands on
 * logical functions only. Empty when the file can be replayed. At most a few problems are listed.
 */
export function counterexampleProblems(value: unknown, versions: readonly number[]): string[] {
  if (!isObject(value)) return ['expected a JSON object'];
  const problems: string[] = [];
  if (!versions.includes(value['version'] as number))
    problems.push(`"version" must be ${versions.join(' or ')}, found ${shown(value['version'])}`);
  const spec = value['spec'];
  if (!isObject(spec) || typeof spec['file'] !== 'string' || typeof spec['hash'] !== 'string')
    problems.push('"spec" must be an object with the file and hash of the spec');
  if (typeof value['reading'] !== 'string') problems.push('"reading" must be a reading name');
  problems.push(
    ...optional(
      value,
      'strictness',
      '',
      (v) => (STRICTNESS_LEVELS as readonly unknown[]).includes(v),
      STRICTNESS_LEVELS.join(' or '),
    ),
    ...optional(
      value,
      'unobservable',
      '',
      (v) => isStrings(v) && v.every((f) => Object.hasOwn(OBSERVATION_FIELDS, f)),
      'an array of observation fields',
    ),
    ...targetProblems(value['target']),
    ...timingProblems(value['timing']),
  );
  const commands = value['commands'];
  if (!Array.isArray(commands)) problems.push('"commands" must be an array of commands');
  else problems.push(...commands.flatMap(commandProblems));
  problems.push(...expectedProblems(value['expected']));
  if (problems.length <= SHOWN) return problems;
  return [...problems.slice(0, SHOWN), `and ${problems.length - SHOWN} more problems`];
}
