import { excerpt } from '../errors/excerpt.ts';
import type { Condition, FieldDecl, InputDecl, Ref, Scalar } from './Spec.ts';
import type { ReadContext, Scope } from './ReadContext.ts';
import { closest, didYouMean } from '../errors/didYouMean.ts';
import { readMap, readScalar, wrongType } from './readNode.ts';
import type { YNode } from './YNode.ts';

/** A declared field or input: what a condition, an effect or a reference talks about. */
export type Decl = FieldDecl | InputDecl;

/** `$name` → a field reference, `input.name` → an input reference, anything else → undefined. */
export function parseRef(value: Scalar): Ref | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('$')) return { from: 'field', name: value.slice(1) };
  if (value.startsWith('input.')) return { from: 'input', name: value.slice('input.'.length) };
  return undefined;
}

/**
 * Looks a reference up: the field must be declared (`unknown-field`), the input declared
 * (`unknown-input`) and taken by the operation (`undeclared-input`; transitions take none).
 */
export function resolveRef(
  ref: Ref,
  node: YNode,
  ctx: ReadContext,
  scope: Scope,
): Decl | undefined {
  const { sink, decl } = ctx;
  if (ref.from === 'field') {
    const field = decl.fields.get(ref.name);
    if (field === undefined && !decl.unreadable.has(ref.name)) {
      const near = closest(ref.name, decl.fields.keys());
      const hint = near === undefined ? 'Declare it under `fields:`.' : `Did you mean '$${near}'?`;
      sink.report(
        'unknown-field',
        node.pos,
        `${scope.where}: unknown field '$${excerpt(ref.name)}'.`,
        hint,
      );
    }
    return field;
  }
  const input = decl.inputs.get(ref.name);
  if (scope.inputs === undefined) {
    sink.report(
      'undeclared-input',
      node.pos,
      `${scope.where}: a transition has no inputs ('input.${excerpt(ref.name)}').`,
      'Refer to fields (`$field`) instead.',
    );
    return undefined;
  }
  if (input === undefined) {
    if (decl.unreadable.has(`input.${ref.name}`)) return undefined;
    sink.report(
      'unknown-input',
      node.pos,
      `${scope.where}: unknown input 'input.${excerpt(ref.name)}'.`,
      didYouMean(ref.name, decl.inputs.keys()),
    );
    return undefined;
  }
  if (!scope.inputs.includes(ref.name)) {
    sink.report(
      'undeclared-input',
      node.pos,
      `${scope.where}: the operation does not take input '${excerpt(ref.name)}'.`,
      `Add '${excerpt(ref.name)}' to the operation's \`inputs\`.`,
    );
    return undefined;
  }
  return input;
}

/** `state` → `state`, other subjects → `value for lastUpdateStatus` (for "unknown X 'v'"). */
function subjectWord(subject: Decl, isInput: boolean): string {
  if (!isInput && subject.name === 'state') return 'state';
  return `value for ${isInput ? 'input.' : ''}${subject.name}`;
}

/**
 * Checks one literal against a declaration: one of an enum's values (`unknown-value`, with a
 * did-you-mean) or an integer for an int. Returns the value normalised (enum values are strings).
 */
export function checkLiteral(
  value: Scalar,
  node: YNode,
  subject: Decl | undefined,
  isInput: boolean,
  ctx: ReadContext,
  where: string,
): Scalar | undefined {
  if (subject === undefined) return value;
  if (subject.type === 'int') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    wrongType(ctx.sink, node, where, `a value of ${subject.name}`, 'an integer');
    return undefined;
  }
  const text = String(value);
  if (subject.values.includes(text)) return text;
  ctx.sink.report(
    'unknown-value',
    node.pos,
    `${where}: unknown ${subjectWord(subject, isInput)} '${excerpt(text)}'.`,
    didYouMean(text, subject.values),
  );
  return undefined;
}

/** Checks that a reference compares like with like (int with int, enum with enum). */
export function checkComparable(
  subject: Decl | undefined,
  target: Decl,
  node: YNode,
  ctx: ReadContext,
  where: string,
): void {
  if (subject === undefined || subject.type === target.type) return;
  ctx.sink.report(
    'incompatible-ref',
    node.pos,
    `${where}: compares ${subject.type} '${subject.name}' with ${target.type} '${target.name}'.`,
  );
}

function readLiterals(
  node: YNode,
  subject: Decl | undefined,
  isInput: boolean,
  ctx: ReadContext,
  where: string,
): Scalar[] | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  if (items.length === 0) {
    ctx.sink.report('bad-value', node.pos, `${where}: an empty list matches nothing.`);
    return undefined;
  }
  const values: Scalar[] = [];
  let ok = true;
  for (const item of items) {
    const raw = readScalar(item, ctx.sink, where, `a value of ${subject?.name ?? 'the condition'}`);
    const value =
      raw === undefined ? undefined : checkLiteral(raw, item, subject, isInput, ctx, where);
    if (value === undefined) ok = false;
    else values.push(value);
  }
  return ok ? values : undefined;
}

/**
 * Reads one condition: a scalar (equals), a list (one of), `{ not: … }`, `$field` / `input.x`
 * (equals that value), and in `observe` also `absent` / `present`. `subject` is the declared field or
 * input the condition constrains (undefined for observation fields, which take any scalar).
 */
export function readCondition(
  node: YNode,
  subject: Decl | undefined,
  isInput: boolean,
  ctx: ReadContext,
  scope: Scope,
): Condition | undefined {
  const where = scope.where;
  if (node.kind === 'scalar' && node.value !== null) {
    if (subject === undefined && (node.value === 'absent' || node.value === 'present'))
      return { kind: node.value };
    const ref = parseRef(node.value);
    if (ref !== undefined) {
      const target = resolveRef(ref, node, ctx, scope);
      if (target === undefined) return undefined;
      checkComparable(subject, target, node, ctx, where);
      return { kind: 'equals', ref };
    }
  }
  if (node.kind === 'map') {
    const map = readMap(node, ctx.sink, where, `the condition on ${subject?.name ?? 'a value'}`, {
      required: ['not'],
      optional: [],
    });
    const inner = map?.['not'];
    if (inner === undefined) return undefined;
    const values = readLiterals(inner, subject, isInput, ctx, where);
    return values === undefined ? undefined : { kind: 'notIn', values };
  }
  const values = readLiterals(node, subject, isInput, ctx, where);
  return values === undefined ? undefined : { kind: 'in', values };
}
