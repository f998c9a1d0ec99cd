import { excerpt } from '../errors/excerpt.ts';
import { EVENT_NAMES } from '../lambda/catalogue.ts';
import { isNodeRuntime, RUNTIME_EXPECTED } from '../lambda/runtime.ts';
import type { ScenarioTarget } from './Scenario.ts';
import type { IssueSink } from './IssueSink.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readEntries, readList, readMap, readNumber, readScalar, readString } from './readNode.ts';
import { RUN_LIMITS } from './runLimits.ts';
import { plainValue } from './YNode.ts';
import type { YEntry, YNode } from './YNode.ts';

const WHERE = 'target';
const TARGET_NAMES = ['memory', 'aws'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A list of strings; numbers are accepted and kept as text (account ids read as numbers in YAML). */
export function readStrings(
  node: YNode,
  sink: IssueSink,
  where: string,
  what: string,
): string[] | undefined {
  const items = readList(node, sink, where, what);
  if (items === undefined) return undefined;
  const out: string[] = [];
  for (const item of items) {
    const value =
      item.kind === 'scalar' && typeof item.value === 'number'
        ? String(item.value)
        : readString(item, sink, where, `each item of ${what}`);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

/** The methods an event request may use (any case). */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/**
 * The placeholders an event request's `url` and body strings may use, with a sample value each.
 * targets/aws/sendEventRequest.ts `expandTemplate` replaces the same five names.
 */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  functionName: 'fn',
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  region: 'us-east-1',
  event: 'idle-reclaim',
  endpoint: 'http://127.0.0.1:4566',
};
/** The `endpoint` value that starts the built-in emulator (openAwsTarget's EMULATOR_ENDPOINT). */
const EMULATOR = 'emulator';

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reports every `{name}` in `text` that is not a known placeholder; true when there is none. */
function checkPlaceholders(text: string, node: YNode, sink: IssueSink, where: string): boolean {
  let ok = true;
  for (const [, name = ''] of text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    if (Object.hasOwn(PLACEHOLDERS, name)) continue;
    ok = false;
    const known = Object.keys(PLACEHOLDERS);
    sink.report(
      'bad-value',
      node.pos,
      `${where}: unknown placeholder '{${excerpt(name)}}'.`,
      `${didYouMean(name, known) ?? ''} Placeholders: ${known.map((k) => `{${k}}`).join(', ')}.`.trim(),
    );
  }
  return ok;
}

function checkBody(node: YNode, sink: IssueSink, where: string): void {
  if (node.kind === 'scalar' && typeof node.value === 'string')
    checkPlaceholders(node.value, node, sink, where);
  else if (node.kind === 'seq') for (const item of node.items) checkBody(item, sink, where);
  else if (node.kind === 'map')
    for (const entry of node.entries) checkBody(entry.value, sink, where);
}

function readEvent(
  entry: YEntry,
  sink: IssueSink,
): { method: string; url: string; body?: unknown } | undefined {
  const where = `target event '${excerpt(entry.key)}'`;
  if (!(EVENT_NAMES as readonly string[]).includes(entry.key)) {
    sink.report(
      'unknown-key',
      entry.keyPos,
      `target events: unknown event '${excerpt(entry.key)}'.`,
      didYouMean(entry.key, EVENT_NAMES),
    );
  }
  const map = readMap(entry.value, sink, where, 'an event request', {
    required: ['method', 'url'],
    optional: ['body'],
  });
  const methodNode = map?.['method'];
  const urlNode = map?.['url'];
  const method = methodNode && readString(methodNode, sink, where, "'method'");
  const url = urlNode && readString(urlNode, sink, where, "'url'");
  if (method !== undefined && methodNode !== undefined && !METHODS.includes(method.toUpperCase()))
    sink.report(
      'bad-value',
      methodNode.pos,
      `${where}: 'method' must be one of ${METHODS.join(', ')}, found '${excerpt(method)}'.`,
      didYouMean(method.toUpperCase(), METHODS),
    );
  if (url !== undefined && urlNode !== undefined && checkPlaceholders(url, urlNode, sink, where)) {
    const sample = url.replace(/\{(\w+)\}/g, (all, name: string) =>
      Object.hasOwn(PLACEHOLDERS, name) ? (PLACEHOLDERS[name] ?? all) : all,
    );
    if (!isHttpUrl(sample))
      sink.report(
        'bad-value',
        urlNode.pos,
        `${where}: 'url' is not an absolute http:// or https:// URL: '${excerpt(url)}'.`,
        'Write the whole URL, e.g. http://127.0.0.1:4566/control/{functionName}.',
      );
  }
  const body = map?.['body'];
  if (body !== undefined) checkBody(body, sink, where);
  if (method === undefined || url === undefined) return undefined;
  return body === undefined ? { method, url } : { method, url, body: plainValue(body) };
}

/**
 * Reads an event mapping (a scenario's `target.events`, or an `--events` file): each environment
 * event to the HTTP request that makes an emulator inject it, every problem reported located.
 */
export function readEvents(node: YNode, sink: IssueSink): NonNullable<ScenarioTarget['events']> {
  const out: Record<string, { method: string; url: string; body?: unknown }> = {};
  for (const entry of readEntries(node, sink, WHERE, "'events'") ?? []) {
    const request = readEvent(entry, sink);
    if (request !== undefined) out[entry.key] = request;
  }
  return out;
}

function readEmulator(node: YNode, sink: IssueSink): NonNullable<ScenarioTarget['emulator']> {
  const map = readMap(node, sink, WHERE, "'emulator'", {
    required: [],
    optional: ['pendingMs', 'updateMs', 'versionMs', 'reactivateMs'],
  });
  const out: { pendingMs?: number; updateMs?: number; versionMs?: number; reactivateMs?: number } =
    {};
  for (const key of ['pendingMs', 'updateMs', 'versionMs', 'reactivateMs'] as const) {
    const value =
      map?.[key] &&
      readNumber(map[key], sink, 'target emulator', `'${key}'`, { integer: true, min: 0 });
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Reads a scenario's `target:` (`name: memory | aws` plus that target's options, see
 * {@link ScenarioTarget}); returns undefined when the name itself is unusable.
 */
export function readScenarioTarget(node: YNode, sink: IssueSink): ScenarioTarget | undefined {
  const map = readMap(node, sink, WHERE, "'target'", {
    required: ['name'],
    optional: [
      'mutants',
      'imagePendingInvoke',
      'endpoint',
      'region',
      'profile',
      'role',
      'runtime',
      'observesCode',
      'callTimeoutMs',
      'allowAccounts',
      'maxApiCalls',
      'imageUris',
      'events',
      'emulator',
    ],
  });
  const nameNode = map?.['name'];
  const name = nameNode && readString(nameNode, sink, WHERE, "'name'");
  if (map === undefined || name === undefined || nameNode === undefined) return undefined;
  if (!TARGET_NAMES.includes(name)) {
    sink.report(
      'bad-value',
      nameNode.pos,
      `target: unknown target '${excerpt(name)}'.`,
      didYouMean(name, TARGET_NAMES),
    );
  }
  const target: Mutable<ScenarioTarget> = { name };
  const strings = (key: 'mutants' | 'allowAccounts' | 'imageUris'): void => {
    const value = map[key] && readStrings(map[key], sink, WHERE, `'${key}'`);
    if (value !== undefined) target[key] = value;
  };
  strings('mutants');
  strings('allowAccounts');
  strings('imageUris');
  for (const key of ['endpoint', 'region', 'profile', 'role', 'runtime'] as const) {
    const value = map[key] && readString(map[key], sink, WHERE, `'${key}'`);
    if (value !== undefined) target[key] = value;
  }
  const runtime = map['runtime'];
  if (runtime !== undefined && target.runtime !== undefined && !isNodeRuntime(target.runtime)) {
    sink.report(
      'bad-value',
      runtime.pos,
      `target: 'runtime' must be ${RUNTIME_EXPECTED}, found '${excerpt(target.runtime)}'.`,
      'The conformance handler is a Node.js module.',
    );
  }
  const endpoint = map['endpoint'];
  if (endpoint !== undefined && target.endpoint !== undefined) {
    if (target.endpoint !== EMULATOR && !isHttpUrl(target.endpoint))
      sink.report(
        'bad-value',
        endpoint.pos,
        `target: 'endpoint' must be ${EMULATOR} or an http:// or https:// URL, found '${excerpt(target.endpoint)}'.`,
        'E.g. http://127.0.0.1:4566, or emulator to start the built-in one.',
      );
  }
  const invoke = map['imagePendingInvoke'];
  const invokeValue = invoke && readScalar(invoke, sink, WHERE, "'imagePendingInvoke'");
  if (invoke !== undefined && invokeValue !== undefined) {
    if (invokeValue === 'allow' || invokeValue === 'refuse')
      target.imagePendingInvoke = invokeValue;
    else
      sink.report(
        'bad-value',
        invoke.pos,
        `target: imagePendingInvoke must be allow or refuse.`,
        didYouMean(String(invokeValue), ['allow', 'refuse']),
      );
  }
  const calls =
    map['maxApiCalls'] &&
    readNumber(map['maxApiCalls'], sink, WHERE, "'maxApiCalls'", { integer: true, min: 1 });
  if (calls !== undefined) target.maxApiCalls = calls;
  const timeout =
    map['callTimeoutMs'] &&
    readNumber(map['callTimeoutMs'], sink, WHERE, "'callTimeoutMs'", {
      integer: true,
      min: 1,
      max: RUN_LIMITS.durationMs,
    });
  if (timeout !== undefined) target.callTimeoutMs = timeout;
  const observes = map['observesCode'];
  const observesValue = observes && readScalar(observes, sink, WHERE, "'observesCode'");
  if (observes !== undefined && observesValue !== undefined) {
    if (typeof observesValue === 'boolean') target.observesCode = observesValue;
    else sink.report('wrong-type', observes.pos, `target: observesCode must be true or false.`);
  }
  if (map['events'] !== undefined) target.events = readEvents(map['events'], sink);
  if (map['emulator'] !== undefined) target.emulator = readEmulator(map['emulator'], sink);
  checkKeysApply(node, target, sink);
  return target;
}

/** Keys only the aws target reads. */
const AWS_ONLY = [
  'endpoint',
  'region',
  'profile',
  'role',
  'observesCode',
  'callTimeoutMs',
  'allowAccounts',
  'maxApiCalls',
  'imageUris',
  'events',
  'emulator',
] as const;

/** Keys only the built-in simulation reads: the memory target, or the aws target's own emulator. */
const SIMULATION_ONLY = ['mutants', 'imagePendingInvoke'] as const;

/**
 * Reports keys the target never reads, so they are not silently ignored: aws keys under a memory
 * target, the simulation's keys (`mutants`, `imagePendingInvoke`, `emulator`) under an aws target
 * whose endpoint is not `emulator`.
 */
function checkKeysApply(node: YNode, target: ScenarioTarget, sink: IssueSink): void {
  if (node.kind !== 'map') return;
  const entry = (key: string): YEntry | undefined => node.entries.find((e) => e.key === key);
  if (target.name === 'memory') {
    for (const key of AWS_ONLY) {
      const at = entry(key);
      if (at === undefined) continue;
      sink.report(
        'inapplicable-key',
        at.keyPos,
        `target: '${key}' applies only to the aws target, and this target is memory.`,
        'Remove it, or set name: aws.',
      );
    }
    return;
  }
  if (target.name !== 'aws' || target.endpoint === EMULATOR) return;
  for (const key of [...SIMULATION_ONLY, 'emulator'] as const) {
    const at = entry(key);
    if (at === undefined) continue;
    sink.report(
      'inapplicable-key',
      at.keyPos,
      `target: '${key}' applies only to the built-in simulation, and this aws target's endpoint is ${target.endpoint === undefined ? 'real AWS' : `'${excerpt(target.endpoint)}'`}.`,
      `Remove it, or set endpoint: ${EMULATOR} (or name: memory).`,
    );
  }
}
