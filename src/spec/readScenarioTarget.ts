import { excerpt } from '../errors/excerpt.ts';
import type { ScenarioTarget } from './Scenario.ts';
import type { IssueSink } from './IssueSink.ts';
import { didYouMean } from './didYouMean.ts';
import { readEntries, readList, readMap, readNumber, readScalar, readString } from './readNode.ts';
import { plainValue } from './YNode.ts';
import type { YNode } from './YNode.ts';

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

function readEvents(node: YNode, sink: IssueSink): NonNullable<ScenarioTarget['events']> {
  const out: Record<string, { method: string; url: string; body?: unknown }> = {};
  for (const entry of readEntries(node, sink, WHERE, "'events'") ?? []) {
    const where = `target event '${excerpt(entry.key)}'`;
    const map = readMap(entry.value, sink, where, 'an event request', {
      required: ['method', 'url'],
      optional: ['body'],
    });
    const method = map?.['method'] && readString(map['method'], sink, where, "'method'");
    const url = map?.['url'] && readString(map['url'], sink, where, "'url'");
    if (method === undefined || url === undefined) continue;
    const body = map?.['body'];
    out[entry.key] = body === undefined ? { method, url } : { method, url, body: plainValue(body) };
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
  for (const key of ['endpoint', 'region', 'profile', 'role'] as const) {
    const value = map[key] && readString(map[key], sink, WHERE, `'${key}'`);
    if (value !== undefined) target[key] = value;
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
    readNumber(map['callTimeoutMs'], sink, WHERE, "'callTimeoutMs'", { integer: true, min: 1 });
  if (timeout !== undefined) target.callTimeoutMs = timeout;
  const observes = map['observesCode'];
  const observesValue = observes && readScalar(observes, sink, WHERE, "'observesCode'");
  if (observes !== undefined && observesValue !== undefined) {
    if (typeof observesValue === 'boolean') target.observesCode = observesValue;
    else sink.report('wrong-type', observes.pos, `target: observesCode must be true or false.`);
  }
  if (map['events'] !== undefined) target.events = readEvents(map['events'], sink);
  if (map['emulator'] !== undefined) target.emulator = readEmulator(map['emulator'], sink);
  return target;
}
