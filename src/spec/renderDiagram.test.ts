import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from './loadSpec.ts';
import { parseSpec } from './parseSpec.ts';
import { renderDiagram } from './renderDiagram.ts';
import type { Spec, Transition } from './Spec.ts';
import { MINI_SPEC } from './spec.testkit.ts';

interface MermaidApi {
  parse(text: string): Promise<unknown>;
}

interface JsdomModule {
  JSDOM: new (html: string) => { window: { document: unknown } };
}

// jsdom ships no type declarations; importing it through a variable keeps the compiler out of it.
const JSDOM_MODULE = 'jsdom';

let mermaid: MermaidApi;
let spec: Spec;

beforeAll(async () => {
  // mermaid reads `window` and `document` when it is first imported.
  const { JSDOM } = (await import(JSDOM_MODULE)) as JsdomModule;
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const module = (await import('mermaid')) as unknown as { default: MermaidApi };
  mermaid = module.default;
  spec = await loadSpec('spec/lambda-lifecycle.yaml');
});

describe('renderDiagram', () => {
  it('renders the shipped spec as valid Mermaid', async () => {
    const text = renderDiagram(spec);
    expect(text.startsWith('stateDiagram-v2\n  [*] --> Absent\n')).toBe(true);
    expect(text).toContain('  Absent --> Pending : CreateFunction create\n');
    expect(text).toContain('  Pending --> Active : provisioning-completes within 5m\n');
    expect(text).toContain('  Active --> Inactive : idle-reclaim on idle-reclaim\n');
    expect(text).toContain('  Inactive --> Pending : Invoke invoke-inactive\n');
    expect(text).toMatch(/note right of Active\n(.*\n)*? {4}update-completes within 5m\n/);
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('marks violated and unexercised rules and transitions, still valid Mermaid', async () => {
    const text = renderDiagram(spec, {
      violated: new Set(['idle-reclaim', 'update-completes']),
      unexercised: new Set(['create', 'reactivation-fails']),
    });
    expect(text).toContain('  Active --> Inactive : ✗ idle-reclaim on idle-reclaim\n');
    expect(text).toContain('  Absent --> Pending : CreateFunction create (not exercised)\n');
    expect(text).toContain('    ✗ update-completes within 5m\n');
    expect(text).toMatch(/classDef violated .*\n {2}class .*Inactive.* violated\n$/);
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  it('renders a small spec, and the parser used by these tests does reject a broken diagram', async () => {
    const text = renderDiagram(parseSpec(MINI_SPEC, 'mini.yaml'));
    expect(text).toBe(
      [
        'stateDiagram-v2',
        '  [*] --> Absent',
        '  Absent --> Pending : CreateFunction create',
        '  Pending --> Active : provisioning-completes within 15m',
        '  Active --> Pending : idle-reclaim on idle-reclaim',
        '',
      ].join('\n'),
    );
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
    await expect(mermaid.parse(text.replace('Absent --> Pending', 'Absent --> '))).rejects.toThrow(
      /Parse error on line 3/,
    );
  });

  it('draws rules and transitions exploration never reaches from their text, with safe node ids', async () => {
    const base = parseSpec(MINI_SPEC, 'mini.yaml');
    const fields = new Map(base.fields);
    fields.set('state', {
      name: 'state',
      type: 'enum',
      values: ['Absent', 'Pending', 'Active', 'end', 'Two words'],
      initial: 'Absent',
      description: '',
    });
    const never: Transition = {
      id: 'never-fires',
      from: { fields: { state: { kind: 'in', values: ['Two words'] } }, inputs: {}, readings: [] },
      to: { set: { state: { kind: 'literal', value: 'end' } }, revisionId: 'same' },
      trigger: { kind: 'event', event: 'idle-reclaim' },
      cite: [],
      location: { file: 'x', line: 1, column: 1 },
    };
    const text = renderDiagram({ ...base, fields, transitions: [...base.transitions, never] });
    expect(text).toContain('  state "end" as s3\n  state "Two words" as s4\n');
    expect(text).toContain('  s4 --> s3 : never-fires on idle-reclaim\n');
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });
});
