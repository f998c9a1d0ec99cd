import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from './loadSpec.ts';
import { renderDiagram } from './renderDiagram.ts';
import type { Spec } from './Spec.ts';

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
    await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });
});
