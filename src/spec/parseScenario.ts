import { dirname, resolve } from 'node:path';
import { excerpt } from '../errors/excerpt.ts';
import { ScenarioError } from '../errors/HarnessError.ts';
import type { Scenario, ScenarioPlaces } from './Scenario.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { STRICTNESS_LEVELS } from './strictness.ts';
import { OPERATION_NAMES } from '../lambda/catalogue.ts';
import { IssueSink } from './IssueSink.ts';
import { DURATION_HINT, MAX_TIMER_TEXT, parseDuration } from '../text/duration.ts';
import { RUN_LIMITS } from './runLimits.ts';
import { parseYaml } from './parseYaml.ts';
import { readEntries, readMap, readNumber, readString, wrongType } from './readNode.ts';
import { readScenarioTarget, readStrings } from './readScenarioTarget.ts';
import type { YNode } from './YNode.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const KEYS = {
  required: ['name', 'target'],
  optional: [
    'spec',
    'description',
    'reading',
    'strictness',
    'runs',
    'maxCommands',
    'seed',
    'functions',
    'timeBudget',
    'bounds',
    'weights',
    'timing',
    'reporters',
    'out',
  ],
};
const TIMINGS = ['provisionMs', 'updateMs', 'versionMs', 'reactivateMs'] as const;

/** What `weights` may name: the generator's commands (an operation, `Wait`, `Settle`, `Inject`). */
const COMMAND_NAMES: readonly string[] = [...OPERATION_NAMES, 'Wait', 'Settle', 'Inject'];

function readWeights(node: YNode, sink: IssueSink): Record<string, number> {
  const out: Record<string, number> = {};
  const entries = readEntries(node, sink, 'scenario', "'weights'");
  for (const entry of entries ?? []) {
    if (!COMMAND_NAMES.includes(entry.key)) {
      sink.report(
        'unknown-key',
        entry.keyPos,
        `weights: unknown command '${excerpt(entry.key)}'.`,
        didYouMean(entry.key, COMMAND_NAMES),
      );
      continue;
    }
    const weight = readNumber(entry.value, sink, 'weights', `'${entry.key}'`, {
      min: 0,
      max: RUN_LIMITS.weight,
      integer: true,
    });
    if (weight !== undefined) out[entry.key] = weight;
  }
  // A command left out keeps its default weight (never 0): only naming them all at 0 leaves nothing.
  if (entries !== undefined && COMMAND_NAMES.every((name) => out[name] === 0)) {
    sink.report(
      'bad-value',
      node.pos,
      'weights: every command has weight 0, so no sequence can be generated.',
      'Give at least one command a weight of 1 or more.',
    );
  }
  return out;
}

/** Reads `bounds`: transition id → a duration longer than 0 (ids are checked against the spec later). */
function readBounds(node: YNode, sink: IssueSink): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readEntries(node, sink, 'scenario', "'bounds'") ?? []) {
    const value = entry.value;
    const ms = value.kind === 'scalar' ? parseDuration(String(value.value)) : undefined;
    if (ms === undefined) {
      sink.report(
        'bad-duration',
        value.pos,
        `bounds: '${excerpt(entry.key)}' is not a duration.`,
        DURATION_HINT,
      );
    } else if (ms <= 0) {
      sink.report('bad-value', value.pos, `bounds: '${excerpt(entry.key)}' must be longer than 0.`);
    } else out[entry.key] = ms;
  }
  return out;
}

function readTiming(node: YNode, sink: IssueSink): NonNullable<Scenario['timing']> {
  const map = readMap(node, sink, 'scenario', "'timing'", { required: [], optional: [...TIMINGS] });
  const out: Partial<Record<(typeof TIMINGS)[number], readonly [number, number]>> = {};
  for (const key of TIMINGS) {
    const range = map?.[key];
    if (range === undefined) continue;
    if (range.kind !== 'seq' || range.items.length !== 2) {
      wrongType(sink, range, 'timing', `'${key}'`, 'a [min, max] pair');
      continue;
    }
    const [min, max] = range.items.map((item) =>
      readNumber(item, sink, 'timing', `'${key}'`, { integer: true, min: 0 }),
    );
    if (min === undefined || max === undefined) continue;
    if (min > max)
      sink.report(
        'bad-value',
        range.pos,
        `timing: '${key}' min ${min} is greater than max ${max}.`,
      );
    else out[key] = [min, max];
  }
  return out;
}

function readBody(
  root: YNode | undefined,
  sink: IssueSink,
  absolute: string,
): Scenario | undefined {
  if (root === undefined) {
    sink.report(
      'wrong-type',
      { line: 1, column: 1 },
      'scenario: the file is empty.',
      'Start from scenarios/default.yaml.',
    );
    return undefined;
  }
  const map = readMap(root, sink, 'scenario', 'the scenario', KEYS);
  if (map === undefined) return undefined;
  const text = (key: string): string | undefined =>
    map[key] && readString(map[key], sink, 'scenario', `'${key}'`);
  const count = (key: 'runs' | 'maxCommands' | 'functions'): number | undefined =>
    map[key] &&
    readNumber(map[key], sink, 'scenario', `'${key}'`, {
      integer: true,
      min: 1,
      max: RUN_LIMITS[key],
    });
  const name = text('name');
  const spec = text('spec');
  const target = map['target'] && readScenarioTarget(map['target'], sink);
  if (
    name === undefined ||
    target === undefined ||
    (map['spec'] !== undefined && spec === undefined)
  )
    return undefined;
  const base = dirname(absolute);
  const scenario: Mutable<Scenario> = { file: absolute, name, target };
  if (spec !== undefined) scenario.spec = resolve(base, spec);
  const description = text('description');
  if (description !== undefined) scenario.description = description;
  const reading = text('reading');
  if (reading !== undefined) scenario.reading = reading;
  const strictness = text('strictness');
  if (strictness !== undefined && map['strictness'] !== undefined) {
    const level = STRICTNESS_LEVELS.find((l) => l === strictness);
    if (level === undefined) {
      sink.report(
        'bad-value',
        map['strictness'].pos,
        `scenario: unknown strictness '${excerpt(strictness)}'.`,
        didYouMean(strictness, STRICTNESS_LEVELS) ??
          `Write one of ${STRICTNESS_LEVELS.join(', ')}.`,
      );
    } else scenario.strictness = level;
  }
  for (const key of ['runs', 'maxCommands', 'functions'] as const) {
    const value = count(key);
    if (value !== undefined) scenario[key] = value;
  }
  const seed =
    map['seed'] && readNumber(map['seed'], sink, 'scenario', "'seed'", { integer: true });
  if (seed !== undefined) scenario.seed = seed;
  const budget = map['timeBudget'];
  if (budget !== undefined) {
    const ms = budget.kind === 'scalar' ? parseDuration(String(budget.value)) : undefined;
    if (ms === undefined)
      sink.report(
        'bad-duration',
        budget.pos,
        `scenario: 'timeBudget' is not a duration.`,
        DURATION_HINT,
      );
    else if (ms > RUN_LIMITS.durationMs)
      sink.report(
        'bad-value',
        budget.pos,
        `scenario: 'timeBudget' ${excerpt(String(budget.kind === 'scalar' ? budget.value : ''))} is longer than ${MAX_TIMER_TEXT}, the longest a run can wait.`,
      );
    else scenario.timeBudgetMs = ms;
  }
  if (map['bounds'] !== undefined) scenario.bounds = readBounds(map['bounds'], sink);
  if (map['weights'] !== undefined) scenario.weights = readWeights(map['weights'], sink);
  if (map['timing'] !== undefined) scenario.timing = readTiming(map['timing'], sink);
  const reporters =
    map['reporters'] && readStrings(map['reporters'], sink, 'scenario', "'reporters'");
  if (reporters !== undefined) scenario.reporters = reporters;
  const out = text('out');
  if (out !== undefined) scenario.out = resolve(base, out);
  const places = placesOf(map);
  if (Object.keys(places).length > 0) scenario.places = places;
  return scenario;
}

function placesOf(map: Readonly<Partial<Record<string, YNode>>>): ScenarioPlaces {
  const target = map['target'];
  const mutants =
    target?.kind === 'map' ? target.entries.find((e) => e.key === 'mutants')?.value : undefined;
  const reporters = map['reporters'];
  const bounds = map['bounds'];
  return {
    ...(map['reading'] !== undefined ? { reading: map['reading'].pos } : {}),
    ...(bounds?.kind === 'map'
      ? { bounds: Object.fromEntries(bounds.entries.map((e) => [e.key, e.keyPos])) }
      : {}),
    ...(mutants?.kind === 'seq' ? { mutants: mutants.items.map((item) => item.pos) } : {}),
    ...(reporters?.kind === 'seq' ? { reporters: reporters.items.map((item) => item.pos) } : {}),
    ...(map['out'] !== undefined ? { out: map['out'].pos } : {}),
  };
}

/**
 * Parses a scenario file's text. `file` is the path as the user gave it (issues carry it); `spec`
 * and `out` are resolved relative to it. Without `spec`, the scenario names none: the run checks
 * the package's own spec. Throws one {@link ScenarioError} listing every issue with its line and
 * column; never throws anything else.
 */
export function parseScenario(text: string, file: string): Scenario {
  const sink = new IssueSink(file);
  const parsed = parseYaml(text, file);
  sink.addAll(parsed.issues);
  const scenario =
    parsed.issues.length > 0 ? undefined : readBody(parsed.root, sink, resolve(file));
  if (scenario === undefined || sink.count > 0) throw new ScenarioError(sink.issues);
  return scenario;
}
