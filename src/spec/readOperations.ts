import { OPERATION_NAMES, operationFacts } from '../lambda/catalogue.ts';
import { excerpt } from '../errors/excerpt.ts';
import type { OperationSpec, Rule } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { readCitations } from './readCitations.ts';
import { readEffects, NO_EFFECTS } from './readEffects.ts';
import { readEvidence } from './readEvidence.ts';
import { readGuard } from './readGuard.ts';
import { readObserve } from './readObserve.ts';
import { readOutcomes } from './readOutcomes.ts';
import { didYouMean } from '../errors/didYouMean.ts';
import { readEntries, readList, readMap, readNames, readString } from './readNode.ts';
import type { YNode } from './YNode.ts';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads a rule or transition `id`: kebab-case (`bad-id`) and unique across the whole spec
 * (`duplicate-id`, pointing back at the first definition).
 */
export function readId(
  node: YNode | undefined,
  ctx: ReadContext,
  kind: string,
): string | undefined {
  if (node === undefined) return undefined;
  const id = readString(node, ctx.sink, kind, "'id'");
  if (id === undefined) return undefined;
  if (!KEBAB.test(id)) {
    ctx.sink.report(
      'bad-id',
      node.pos,
      `${kind} '${excerpt(id)}': ids must be kebab-case.`,
      `Try '${excerpt(id)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}'.`,
    );
  }
  const first = ctx.ids.get(id);
  if (first !== undefined) {
    ctx.sink.report(
      'duplicate-id',
      node.pos,
      `${kind} '${excerpt(id)}': the id is already used.`,
      `First defined at line ${first.line}.`,
    );
  } else ctx.ids.set(id, node.pos);
  return id;
}

/** `rule 'x'` when the node has a readable id, else `<kind> #n of <parent>`, for messages about its shape. */
export function describeItem(node: YNode, kind: string, fallback: string): string {
  const id = node.kind === 'map' ? node.entries.find((e) => e.key === 'id')?.value : undefined;
  return id?.kind === 'scalar' && typeof id.value === 'string'
    ? `${kind} '${excerpt(id.value)}'`
    : fallback;
}

function readRule(
  node: YNode,
  index: number,
  operation: string,
  inputs: readonly string[],
  ctx: ReadContext,
): Rule | undefined {
  const label = describeItem(node, 'rule', `rule #${index + 1} of ${operation}`);
  const map = readMap(node, ctx.sink, label, 'a rule', {
    required: ['id', 'when', 'expect'],
    optional: ['effects', 'observe', 'evidence', 'note', 'cite'], // a missing cite is reported as missing-cite
  });
  if (map === undefined) return undefined;
  const before = ctx.sink.count;
  const id = readId(map['id'], ctx, 'rule') ?? '?';
  const scope: Scope = { where: `rule '${excerpt(id)}'`, inputs };
  const when = map['when'] && readGuard(map['when'], ctx, scope);
  const effects =
    map['effects'] === undefined ? NO_EFFECTS : readEffects(map['effects'], ctx, scope);
  const observe = map['observe'] === undefined ? {} : readObserve(map['observe'], ctx, scope);
  const outcomes =
    map['expect'] && effects !== undefined && observe !== undefined
      ? readOutcomes(map['expect'], ctx, scope, { effects, observe })
      : undefined;
  if (map['observe'] !== undefined && outcomes !== undefined && !outcomes.sharedObserveUsed) {
    ctx.sink.report(
      'observe-without-ok',
      map['observe'].pos,
      `${scope.where}: 'observe' applies to no outcome.`,
      'Only `ok` outcomes observe fields; move it into an `{ ok: true, observe }` alternative or drop it.',
    );
  }
  const note = map['note'] && readString(map['note'], ctx.sink, scope.where, "'note'");
  const cite = readCitations(map['cite'], ctx, scope.where, node.pos);
  const evidence = readEvidence(map['evidence'], ctx, scope.where, node.pos);
  if (when === undefined || outcomes === undefined || ctx.sink.count !== before) return undefined;
  const location = { file: ctx.sink.file, line: node.pos.line, column: node.pos.column };
  const rule: Rule = {
    id,
    operation,
    when,
    outcomes: outcomes.outcomes,
    cite,
    ...(evidence === undefined ? {} : { evidence }),
    location,
  };
  return note === undefined ? rule : { ...rule, note };
}

function readOperationInputs(node: YNode | undefined, ctx: ReadContext, where: string): string[] {
  const names = node === undefined ? [] : (readNames(node, ctx.sink, where, "'inputs'") ?? []);
  const out: string[] = [];
  for (const { name, node: item } of names) {
    if (ctx.decl.inputs.has(name) || ctx.decl.unreadable.has(`input.${name}`)) out.push(name);
    else
      ctx.sink.report(
        'unknown-input',
        item.pos,
        `${where}: unknown input '${excerpt(name)}'.`,
        didYouMean(name, ctx.decl.inputs.keys()) ?? 'Declare it under `inputs:`.',
      );
  }
  return out;
}

/** An operation as read, and whether all of it read cleanly (the rule analyses need every rule). */
export interface OperationRead {
  readonly operation: OperationSpec;
  readonly complete: boolean;
}

/**
 * Reads `operations:` (name → `{ inputs, rules }`). Names must be operations every target maps
 * (`unknown-operation`); rules are kept in order because the first matching rule decides.
 */
export function readOperations(node: YNode | undefined, ctx: ReadContext): OperationRead[] {
  if (node === undefined) return []; // the top-level reader reports the missing key
  const out: OperationRead[] = [];
  for (const entry of readEntries(node, ctx.sink, 'spec', "'operations'") ?? []) {
    const before = ctx.sink.count;
    const name = entry.key;
    const where = `operation '${excerpt(name)}'`;
    if (operationFacts(name) === undefined) {
      ctx.sink.report(
        'unknown-operation',
        entry.keyPos,
        `${where}: unknown operation.`,
        didYouMean(name, OPERATION_NAMES) ??
          'A target must map a new operation before the spec can use it.',
      );
    }
    const map = readMap(entry.value, ctx.sink, where, 'an operation', {
      required: ['rules'],
      optional: ['inputs'],
    });
    if (map === undefined) continue;
    const inputs = readOperationInputs(map['inputs'], ctx, where);
    const items =
      map['rules'] === undefined ? [] : (readList(map['rules'], ctx.sink, where, "'rules'") ?? []);
    if (map['rules']?.kind === 'seq' && items.length === 0) {
      ctx.sink.report('bad-value', map['rules'].pos, `${where}: 'rules' is empty.`);
    }
    const rules = items
      .map((item, i) => readRule(item, i, name, inputs, ctx))
      .filter((r) => r !== undefined);
    const location = { file: ctx.sink.file, line: entry.keyPos.line, column: entry.keyPos.column };
    out.push({ operation: { name, inputs, rules, location }, complete: ctx.sink.count === before });
  }
  return out;
}
