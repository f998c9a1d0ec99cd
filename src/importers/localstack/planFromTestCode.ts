import { HarnessError } from '../../errors/HarnessError.ts';
import type { CallPlan, PlannedCall } from '../CallPlan.ts';
import { CREATE_FIXTURES, classifyBotoCall, functionExpression } from './botoCalls.ts';
import {
  bracketed,
  maskStrings,
  pythonStatements,
  splitArguments,
  stringLiteral,
  type Block,
  type Statement,
} from './pythonStatements.ts';

/** One call found in the test body, before it is classified. */
interface FoundCall {
  readonly method: string;
  readonly keywords: ReadonlyMap<string, string>;
  readonly line: number;
  /** The `pytest.raises(...) as NAME` block it sits in. */
  readonly raises?: string;
  key?: string;
  partial?: boolean;
}

const CONTROL = ['for', 'while', 'if', 'elif', 'else', 'try', 'except', 'finally'];
const ORDER_HINT =
  'the order of its calls cannot be read from the code: write it in an order file and pass --order FILE (see traces/aws/README.md)';

function bad(where: string, what: string): HarnessError {
  return new HarnessError('BAD_IMPORT', `${where}: ${what}`);
}

/** `path::Class::test[param]` → the classes and the test function's name. */
function testParts(key: string): { classes: string[]; name: string } {
  const parts = key.split('::').slice(1);
  const last = parts.pop() ?? '';
  return { classes: parts, name: last.replace(/\[.*\]$/, '') };
}

function findTest(statements: readonly Statement[], key: string, file: string): Statement {
  const { classes, name } = testParts(key);
  const def = new RegExp(`^(async\\s+)?def\\s+${name}\\s*\\(`);
  const found = statements.find(
    (s) =>
      def.test(s.text) &&
      classes.every((c) =>
        s.blocks.some(
          (b) => b.keyword === 'class' && new RegExp(`^class\\s+${c}\\b`).test(b.header),
        ),
      ),
  );
  if (found === undefined) {
    throw bad(file, `no test function '${[...classes, name].join('.')}' in the test code`);
  }
  return found;
}

const LAMBDA_CALL = /\baws_client\.lambda_\.(\w+)\s*\(/g;
const FIXTURE_CALL = new RegExp(`\\b(${CREATE_FIXTURES.join('|')})\\s*\\(`, 'g');

/** The calls a statement makes, in text order. */
function callsIn(
  statement: Statement,
  raises: string | undefined,
  strings: ReadonlyMap<string, string>,
): FoundCall[] {
  const found: { at: number; method: string; open: number }[] = [];
  const code = maskStrings(statement.text);
  for (const pattern of [LAMBDA_CALL, FIXTURE_CALL]) {
    for (const m of code.matchAll(pattern)) {
      const method = m[1] ?? '';
      if (method === 'get_waiter') continue;
      found.push({ at: m.index, method, open: m.index + m[0].length - 1 });
    }
  }
  return found
    .sort((a, b) => a.at - b.at)
    .map(({ method, open }) => ({
      method,
      keywords: new Map(
        [...splitArguments(bracketed(statement.text, open) ?? '').keywords].map(([k, v]) => [
          k,
          strings.get(v) ?? v,
        ]),
      ),
      line: statement.line,
      ...(raises !== undefined ? { raises } : {}),
    }));
}

function raisesName(blocks: readonly Block[]): string | undefined {
  for (const b of [...blocks].reverse()) {
    if (b.keyword !== 'with') continue;
    const m = /pytest\.raises\(.*\)\s+as\s+(\w+)\s*$/.exec(b.header);
    if (m !== null) return m[1];
  }
  return undefined;
}

const IDENTIFIER = /[A-Za-z_]\w*/g;

/** Reads the test body: the calls in order, each with the snapshot key that holds its answer. */
function readBody(body: readonly Statement[], defBlock: number, file: string): FoundCall[] {
  const calls: FoundCall[] = [];
  const bound = new Map<string, number>();
  const lastRaised = new Map<string, number>();
  // Names bound to string literals with a colon (`arn = f"arn:…:function:{name}"`), so that a call
  // passing the name is read as passing an ARN or a qualified name.
  const strings = new Map<string, string>();
  for (const statement of body) {
    const inner = statement.blocks.slice(defBlock + 1);
    const where = `${file}:${statement.line}`;
    const matches = /^snapshot\.match\s*\(/.test(statement.text);
    const raises = raisesName(inner);
    const found = callsIn(statement, raises, strings);
    if (inner.some((b) => b.keyword === 'def')) continue;
    // A new `pytest.raises(...) as e` block: `e` no longer stands for the last block's call.
    const opening = /^with\s+pytest\.raises\(.*\)\s+as\s+(\w+)\s*:$/.exec(statement.text);
    if (opening !== null) lastRaised.delete(opening[1] ?? '');
    const control = inner.find((b) => CONTROL.includes(b.keyword));
    if (control !== undefined && (found.length > 0 || matches)) {
      throw bad(where, `a call inside '${control.keyword}' (line ${control.line}): ${ORDER_HINT}`);
    }
    if (matches) {
      const args = splitArguments(bracketed(statement.text, statement.text.indexOf('(')) ?? '');
      const [keyText = '', expr = ''] = args.positional;
      const key = stringLiteral(keyText);
      if (key === undefined)
        throw bad(where, `a snapshot key computed at run time (${keyText}): ${ORDER_HINT}`);
      const raised = /^(\w+)\.value\.response$/.exec(expr);
      const first =
        raised === null ? (expr.match(IDENTIFIER) ?? []).find((id) => bound.has(id)) : undefined;
      const index =
        raised !== null
          ? lastRaised.get(raised[1] ?? '')
          : first !== undefined
            ? bound.get(first)
            : undefined;
      const call = index === undefined ? undefined : calls[index];
      if (call === undefined) {
        throw bad(
          where,
          `cannot tell which call answered snapshot '${key}' (${expr}): ${ORDER_HINT}`,
        );
      }
      if (call.key !== undefined) {
        throw bad(
          where,
          `snapshot '${key}' and '${call.key}' both trace back to the call at line ${call.line}: ${ORDER_HINT}`,
        );
      }
      call.key = key;
      if (raised === null && expr !== first) call.partial = true;
      continue;
    }
    const assigned = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(statement.text);
    for (const call of found) {
      calls.push(call);
      if (call.raises !== undefined) lastRaised.set(call.raises, calls.length - 1);
    }
    if (assigned === null) continue;
    const target = assigned[1] ?? '';
    const text = (assigned[2] ?? '').trim();
    if (/^[fFrRbB]*(["']).*:.*\1$/.test(text)) strings.set(target, text);
    else strings.delete(target);
    if (found.length > 0) {
      bound.set(target, calls.length - found.length);
      continue;
    }
    const from = (assigned[2]?.match(IDENTIFIER) ?? []).find((id) => bound.has(id));
    const index = from === undefined ? undefined : bound.get(from);
    if (index !== undefined) bound.set(target, index);
    else bound.delete(target);
  }
  return calls;
}

/** Gives each function expression a logical name (`fn0`, …) in order of first appearance. */
class FunctionNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly file: string) {}

  /** The function a call addresses; `creates` for calls that bring a new name into being. */
  of(expr: string | undefined, creates: boolean, line: number): string[] {
    const known = [...new Set(this.names.values())];
    if (expr !== undefined) {
      const existing = this.names.get(expr);
      if (existing !== undefined) return [existing];
      // `f"{function_name}:1"`, `function_arn + ":1"`: the name it is built from.
      const inner = (expr.match(IDENTIFIER) ?? []).find((id) => this.names.has(id));
      const built = inner === undefined ? undefined : this.names.get(inner);
      if (built !== undefined && !creates) return [built];
      if (creates || known.length === 0) return [this.add(expr)];
      if (known.length === 1 && known[0] !== undefined) {
        // An ARN read from a response (`Resource=fn_arn`) names the one function there is.
        this.names.set(expr, known[0]);
        return [known[0]];
      }
      throw bad(
        `${this.file}:${line}`,
        `cannot tell which function '${expr}' names: ${ORDER_HINT}`,
      );
    }
    // ListFunctions: the one answer is checked for every function so far.
    return known.length > 0 ? known : ['fn0'];
  }

  private add(expr: string): string {
    const name = `fn${new Set(this.names.values()).size}`;
    this.names.set(expr, name);
    return name;
  }
}

function planned(call: FoundCall, fn: string, file: string): PlannedCall {
  const base = {
    where: `${file}:${call.line}`,
    fn,
    ...(call.key !== undefined ? { key: call.key } : {}),
    ...(call.partial === true ? { partial: true } : {}),
    ...(call.key === undefined && call.raises !== undefined ? { refused: true } : {}),
  };
  const boto = classifyBotoCall(call.method, call.keywords);
  return boto.kind === 'spec'
    ? { ...base, kind: 'spec', operation: boto.operation, args: boto.args }
    : { ...base, kind: 'outside', call: boto.call, mutating: boto.mutating };
}

/**
 * Reads the order of a recorded test's calls from its Python code (LocalStack's snapshot tests):
 * every call of `aws_client.lambda_` and of the create fixtures in the test function, in order,
 * each with the snapshot key its answer was matched under. Only straight-line code is read: a call
 * inside a loop, a condition or a nested helper, a computed key, or a key no call can be found for
 * is a `BAD_IMPORT` error naming `file:line` and asking for an order file instead.
 */
export function planFromTestCode(
  source: string,
  file: string,
  testKey: string,
  recordedKeys: readonly string[],
): CallPlan {
  const statements = pythonStatements(source);
  const def = findTest(statements, testKey, file);
  const defBlock = def.blocks.length;
  const body = statements.filter(
    (s) => s.blocks[defBlock]?.keyword === 'def' && s.blocks[defBlock]?.line === def.line,
  );
  const found = readBody(body, defBlock, file);
  const claimed = new Set(found.flatMap((c) => (c.key === undefined ? [] : [c.key])));
  const unclaimed = recordedKeys.filter((k) => !claimed.has(k));
  if (unclaimed.length > 0) {
    throw bad(
      `${file}:${def.line}`,
      `the recording holds ${unclaimed.map((k) => `'${k}'`).join(', ')}, which no straight-line call of the test matches (a helper function or a computed key?): ${ORDER_HINT}`,
    );
  }
  const names = new FunctionNames(file);
  const calls = found.flatMap((call) =>
    names
      .of(
        functionExpression(call.keywords),
        CREATE_FIXTURES.includes(call.method) || call.method === 'create_function',
        call.line,
      )
      .map((fn) => planned(call, fn, file)),
  );
  return { calls, order: `test code ${file}:${def.line}`, notes: [] };
}
