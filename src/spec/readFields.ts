import { excerpt } from '../errors/excerpt.ts';
import type { FieldDecl, InputDecl } from './Spec.ts';
import type { ReadContext } from './ReadContext.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import {
  readEntries,
  readList,
  readMap,
  readNames,
  readNumber,
  readScalar,
  readString,
} from './readNode.ts';
import type { YNode, YPos } from './YNode.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = ['revisionId', 'reading', 'input'];
const REQUIRED_FIELDS = ['state', 'lastUpdateStatus'];

function checkName(ctx: ReadContext, kind: string, name: string, pos: YPos): boolean {
  if (kind === 'field' && RESERVED.includes(name)) {
    ctx.sink.report(
      'reserved-name',
      pos,
      `field '${name}': '${name}' is reserved.`,
      'Choose another name.',
    );
    return false;
  }
  if (!NAME.test(name)) {
    ctx.sink.report(
      'reserved-name',
      pos,
      `${kind} '${excerpt(name)}': names must be identifiers (letters, digits, _).`,
    );
    return false;
  }
  return true;
}

/** Enum values: distinct scalars, kept as strings. */
function readValues(node: YNode, ctx: ReadContext, where: string): string[] | undefined {
  const items = readList(node, ctx.sink, where, "'values'");
  if (items === undefined) return undefined;
  const values: string[] = [];
  for (const item of items) {
    const value = readScalar(item, ctx.sink, where, 'each value');
    if (value === undefined) continue;
    if (values.includes(String(value))) {
      ctx.sink.report(
        'duplicate-value',
        item.pos,
        `${where}: value '${excerpt(String(value))}' appears twice.`,
      );
    } else values.push(String(value));
    if (where === "field 'state'") ctx.stateValuePositions.set(String(value), item.pos);
  }
  if (values.length === 0) ctx.sink.report('bad-value', node.pos, `${where}: 'values' is empty.`);
  return values;
}

function readField(name: string, node: YNode, ctx: ReadContext): FieldDecl | undefined {
  const where = `field '${excerpt(name)}'`;
  const map = readMap(node, ctx.sink, where, 'a field', {
    required: ['initial'],
    optional: ['description', 'type', 'values'],
  });
  if (map === undefined) return undefined;
  const description =
    (map['description'] && readString(map['description'], ctx.sink, where, "'description'")) ?? '';
  const typeNode = map['type'];
  const type = typeNode === undefined ? 'enum' : readString(typeNode, ctx.sink, where, "'type'");
  const initialNode = map['initial'];
  if (type === 'int') {
    if (map['values'] !== undefined) {
      ctx.sink.report('bad-value', map['values'].pos, `${where}: an int field takes no 'values'.`);
    }
    const initial =
      initialNode && readNumber(initialNode, ctx.sink, where, "'initial'", { integer: true });
    return initial === undefined ? undefined : { name, type: 'int', initial, description };
  }
  if (type !== 'enum') {
    if (typeNode !== undefined && type !== undefined) {
      ctx.sink.report(
        'bad-value',
        typeNode.pos,
        `${where}: unknown type '${excerpt(type)}'.`,
        didYouMean(type, ['enum', 'int']),
      );
    }
    return undefined;
  }
  if (map['values'] === undefined) {
    ctx.sink.report(
      'missing-key',
      node.pos,
      `${where}: missing required key 'values'.`,
      'Or write `type: int`.',
    );
    return undefined;
  }
  const values = readValues(map['values'], ctx, where);
  const initialValue = initialNode && readScalar(initialNode, ctx.sink, where, "'initial'");
  if (values === undefined || initialValue === undefined || initialNode === undefined)
    return undefined;
  const initial = String(initialValue);
  if (!values.includes(initial)) {
    ctx.sink.report(
      'unknown-value',
      initialNode.pos,
      `${where}: initial value '${excerpt(initial)}' is not one of its values.`,
      didYouMean(initial, values),
    );
  }
  return { name, type: 'enum', values, initial, description };
}

/** Reads `fields:`; `state` and `lastUpdateStatus` must be enum fields (`missing-field`). */
export function readFields(node: YNode | undefined, ctx: ReadContext): void {
  if (node === undefined) return; // the top-level reader reports the missing key
  const entries = readEntries(node, ctx.sink, 'spec', "'fields'") ?? [];
  for (const entry of entries) {
    if (!checkName(ctx, 'field', entry.key, entry.keyPos)) continue;
    const decl = readField(entry.key, entry.value, ctx);
    if (decl !== undefined) ctx.decl.fields.set(entry.key, decl);
    else ctx.decl.unreadable.add(entry.key);
  }
  for (const required of REQUIRED_FIELDS) {
    const decl = ctx.decl.fields.get(required);
    const declared = entries.find((e) => e.key === required);
    if (decl?.type === 'enum' || (declared !== undefined && decl === undefined)) continue;
    ctx.sink.report(
      'missing-field',
      declared?.keyPos ?? node.pos,
      `fields: '${required}' must be declared as an enum field.`,
      `Add \`${required}: { values: [...], initial: ... }\` under \`fields:\`.`,
    );
  }
}

function readInput(name: string, node: YNode, ctx: ReadContext): InputDecl | undefined {
  const where = `input '${excerpt(name)}'`;
  const map = readMap(node, ctx.sink, where, 'an input', {
    required: [],
    optional: ['type', 'values', 'min', 'max'],
  });
  if (map === undefined) return undefined;
  const type =
    map['type'] === undefined ? 'enum' : readString(map['type'], ctx.sink, where, "'type'");
  if (type === 'int') {
    const min = map['min'] && readNumber(map['min'], ctx.sink, where, "'min'", { integer: true });
    const max = map['max'] && readNumber(map['max'], ctx.sink, where, "'max'", { integer: true });
    if (map['min'] === undefined || map['max'] === undefined) {
      ctx.sink.report('missing-key', node.pos, `${where}: an int input needs 'min' and 'max'.`);
    }
    if (min === undefined || max === undefined) return undefined;
    if (min > max)
      ctx.sink.report('bad-value', node.pos, `${where}: min ${min} is greater than max ${max}.`);
    return { name, type: 'int', min, max };
  }
  if (type !== 'enum' || map['values'] === undefined) {
    const at = map['type']?.pos ?? node.pos;
    ctx.sink.report(
      'bad-value',
      at,
      `${where}: expected \`values: [...]\` or \`type: int, min, max\`.`,
    );
    return undefined;
  }
  const values = readValues(map['values'], ctx, where);
  return values === undefined ? undefined : { name, type: 'enum', values };
}

/** Reads `inputs:` (name → `{ values }` or `{ type: int, min, max }`). */
export function readInputs(node: YNode | undefined, ctx: ReadContext): void {
  const entries = node === undefined ? [] : (readEntries(node, ctx.sink, 'spec', "'inputs'") ?? []);
  for (const entry of entries) {
    if (!checkName(ctx, 'input', entry.key, entry.keyPos)) continue;
    const decl = readInput(entry.key, entry.value, ctx);
    if (decl !== undefined) ctx.decl.inputs.set(entry.key, decl);
    else ctx.decl.unreadable.add(`input.${entry.key}`);
  }
}

/** Reads `events:` (a list of names); the linter warns about names no target can inject. */
export function readEvents(node: YNode | undefined, ctx: ReadContext): void {
  for (const { name, node: item } of node === undefined
    ? []
    : (readNames(node, ctx.sink, 'spec', "'events'") ?? [])) {
    ctx.decl.events.add(name);
    ctx.eventPositions.set(name, item.pos);
  }
}
